# The jobs slice of issue 16: play and new on cli_parse.
TESTS += tests/jobs_cli.sh
EXTRA_DIST += tests/jobs_cli.sh
