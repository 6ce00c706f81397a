# Shared by the tests of ttymix's command lines (tests/cli_options.sh,
# tests/jobs_cli.sh): a private temp folder, and `expect RC LINE command...`, which
# runs a command and checks its exit status and the one line it says on stderr.
# `bad` records a failure; the test ends with `exit $fail`.
: "${top_srcdir:?run me through make check}"
fail=0
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
bad() { echo "FAIL: $*"; fail=1; }
expect() {
	want_rc=$1; want=$2; shift 2
	"$@" >"$t/out" 2>"$t/err"; rc=$?
	[ "$rc" -eq "$want_rc" ] || bad "$*: exit $rc, want $want_rc"
	got=$(cat "$t/err")
	[ "$got" = "$want" ] || bad "$*: said '$got', want '$want'"
}
H=" (see ttymix --help)"
