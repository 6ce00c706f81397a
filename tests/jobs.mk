# The jobs slice of issue 16: the subcommands on cli_parse.
TESTS += tests/jobs_cli.sh
EXTRA_DIST += tests/jobs_cli.sh
# :album cancelled by quitting the studio (the album job on base/worker)
TESTS += tests/ui_album_stop.sh
EXTRA_DIST += tests/ui_album_stop.sh
