# tests/: :check on a worker, the studio's --lessons (tmux)
TESTS += tests/ui_check_async.sh
EXTRA_DIST += tests/ui_check_async.sh
