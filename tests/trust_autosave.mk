# Trust (issue 15), the autosave: restore compares everything and gives back the mixing
# work lost to SIGHUP (faults 1 and 14); each studio has its own autosave, and a
# read-only project folder autosaves into $XDG_STATE_HOME/ttymix (faults 2 and 6). The
# field-walk diff test is tests/project_diff_test (tests/faults.mk).
TESTS += tests/ui_autosave_mix.sh tests/ui_autosave_readonly.sh tests/ui_autosave_two.sh
EXTRA_DIST += tests/ui_autosave_mix.sh tests/ui_autosave_readonly.sh \
	tests/ui_autosave_two.sh
