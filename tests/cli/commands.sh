#!/bin/sh
# tests/cli — `entente dict` (statistics, diagnostics for bad lines, exit 1 when lines were
# skipped) and `entente demo` (the built-in corpus summary).
# Run by CTest as: sh commands.sh ENTENTE SOURCE_DIR
E=${1:?usage: sh commands.sh ENTENTE_BINARY SOURCE_DIR}
S=${2:?usage: sh commands.sh ENTENTE_BINARY SOURCE_DIR}
T=$(mktemp -d) || exit 1
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
run() { "$E" "$@" >"$T/out" 2>"$T/err"; rc=$?; }
expect_rc() { [ "$rc" -eq "$1" ] || { cat "$T/err" >&2; fail "$2: exit $rc, want $1"; }; }

# the built-in dictionaries load cleanly
run dict
expect_rc 0 "dict"
for k in "actor codes" "verb patterns" "CAMEO codes" "lines skipped"; do
    grep -q "^$k  *[0-9][0-9]*" "$T/out" || fail "dict: no '$k'"
done
grep -q '^lines skipped  *0$' "$T/out" || fail "dict: built-in lines skipped"

# a file with a bad line: reported as FILE:LINE, exit 1
cat >"$T/mine.ent" <<'ENT'
@actors
XYZ this line has no colon
ENT
run dict --dict "$T/mine.ent"
expect_rc 1 "dict with a bad line"
grep -q "^entente: .*mine.ent:2: " "$T/err" || fail "dict: no FILE:2 diagnostic: $(cat "$T/err")"
grep -q '^lines skipped  *1$' "$T/out" || fail "dict: lines skipped not counted"
run dict --dict "$T/does-not-exist.ent"
[ "$rc" -eq 3 ] || [ "$rc" -eq 4 ] || fail "dict with a missing file: exit $rc"
grep -q '^entente: ' "$T/err" || fail "dict with a missing file: no message"

# the demo corpus, when it is built in
if [ -f "$S/data/demo/iran-russia.jsonl" ]; then
    run demo
    expect_rc 0 "demo"
    for k in documents sentences events "Events per CAMEO root" "Top dyads" Examples; do
        grep -q "$k" "$T/out" || fail "demo: no '$k'"
    done
    grep -q '^  events  *[1-9]' "$T/out" || fail "demo: no events"
fi
exit 0
