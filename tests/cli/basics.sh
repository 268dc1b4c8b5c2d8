#!/bin/sh
# tests/cli — the entente program's command line: --help, --version, help pages, the man
# page, usage errors and their exit code. Run by CTest as: sh basics.sh ENTENTE SOURCE_DIR
E=${1:?usage: sh basics.sh ENTENTE_BINARY SOURCE_DIR}
S=${2:?usage: sh basics.sh ENTENTE_BINARY SOURCE_DIR}
T=$(mktemp -d) || exit 1
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
# run CMD...: runs entente with stdout in $T/out, stderr in $T/err, exit code in $rc.
run() { "$E" "$@" >"$T/out" 2>"$T/err"; rc=$?; }
expect_rc() { [ "$rc" -eq "$1" ] || { cat "$T/err" >&2; fail "$2: exit $rc, want $1"; }; }

run --version
expect_rc 0 "--version"
grep -q '^entente [0-9][0-9]*\.[0-9][0-9]*\.[0-9][0-9]*$' "$T/out" || fail "--version output: $(cat "$T/out")"
[ -s "$T/err" ] && fail "--version wrote to stderr"

for h in --help -h "help"; do
    run $h
    expect_rc 0 "$h"
    grep -q '^Usage: entente COMMAND' "$T/out" || fail "$h: no usage line"
    for c in code demo dict help; do
        grep -q "^  $c " "$T/out" || fail "$h: command $c not listed"
    done
    grep -q -- '--format FORMAT' "$T/out" || fail "$h: --format not listed"
    grep -q 'Exit status' "$T/out" || fail "$h: no exit status section"
done

# every command has --help, and it lists the command's own options only
run code --help
expect_rc 0 "code --help"
grep -q '^Usage: entente code' "$T/out" || fail "code --help: usage line"
for o in --date --dict --explain --format --header --output --quiet --no-builtin; do
    grep -q -- "$o" "$T/out" || fail "code --help: $o missing"
done
grep -q -- '--man' "$T/out" && fail "code --help lists --man"
run help code
expect_rc 0 "help code"
grep -q '^Usage: entente code' "$T/out" || fail "help code"
for c in demo dict help; do
    run $c --help
    expect_rc 0 "$c --help"
    grep -q "^Usage: entente $c" "$T/out" || fail "$c --help: usage line"
done

# the man page comes from the same table as --help
run help --man
expect_rc 0 "help --man"
head -n 1 "$T/out" | grep -q '^\.TH ENTENTE 1 ' || fail "man page does not start with .TH"
for s in NAME SYNOPSIS DESCRIPTION COMMANDS OPTIONS "EXIT STATUS" EXAMPLES; do
    grep -q "^\.SH $s" "$T/out" || fail "man page: no section $s"
done
for o in date dict explain field format header help input-format man no-builtin output quiet version; do
    grep -qF "\\fB\\-\\-$o\\fR" "$T/out" || fail "man page: option --$o missing"
done
# docs/cli.md lists every option of the man page (they come from one table; the page is
# kept by hand, so this catches it falling behind)
sed -n 's/^\\fB.*\\-\\-\([a-z-]*\)\\fR.*/\1/p' "$T/out" | sort -u >"$T/man-options"
[ "$(wc -l <"$T/man-options")" -ge 36 ] || fail "man page: too few options found"
while read -r o; do
    grep -q "^| \(\`-.\`, \)\?\`--$o[\` ]" "$S/docs/cli.md" || fail "docs/cli.md: option --$o missing from the table"
done <"$T/man-options"
if command -v groff >/dev/null 2>&1; then
    groff -man -Tutf8 -ww -z "$T/out" 2>"$T/groff" || fail "groff failed"
    [ -s "$T/groff" ] && { cat "$T/groff" >&2; fail "groff warnings"; }
fi

# usage errors: one line "entente: msg", then the hint; exit 2
usage_error() {
    expect_rc 2 "$1"
    [ "$(wc -l <"$T/err")" -eq 2 ] || { cat "$T/err" >&2; fail "$1: want 2 lines on stderr"; }
    head -n 1 "$T/err" | grep -q '^entente: ' || fail "$1: no 'entente:' prefix"
    tail -n 1 "$T/err" | grep -qx "try 'entente --help'" || fail "$1: no hint"
    [ -s "$T/out" ] && fail "$1: wrote to stdout"
    return 0
}
run --no-such-option;            usage_error "unknown option"
run code --no-such-option;       usage_error "unknown option after command"
run code -Z;                     usage_error "unknown short option"
run frobnicate;                  usage_error "unknown command"
run;                             usage_error "no command"
run code --format;               usage_error "missing argument"
run code --format xml;           usage_error "bad format"
run code --date 2025-02-30;      usage_error "bad date"
run code --date=yesterday;       usage_error "bad date with ="
run code --quiet=yes;            usage_error "argument to a flag"
run dict --header;               usage_error "option of another command"
run code --man;                  usage_error "--man outside help"
run code --version;              usage_error "--version after a command"
run help nosuchcommand;          usage_error "help for an unknown command"
run code --header;               usage_error "--header without gdelt"
run code --field text;           usage_error "bad --field"
run code --field color=red;      usage_error "unknown --field key"
run code --input-format xml;     usage_error "bad input format"
run demo extra;                  usage_error "operand to demo"

# options may be given as --opt=value, -oFILE, -o FILE, and grouped short flags
printf '' >"$T/empty.txt"
run code -qf csv -o"$T/o1.csv" "$T/empty.txt"
expect_rc 0 "grouped short options"
head -n 1 "$T/o1.csv" | grep -q '^doc_id,' || fail "-qf csv -oFILE: no CSV header"
[ -s "$T/err" ] && fail "--quiet printed: $(cat "$T/err")"
run code --format=gdelt --header --output "$T/o2.tsv" -- "$T/empty.txt"
expect_rc 0 "--opt=value and --"
head -n 1 "$T/o2.tsv" | grep -q '^GLOBALEVENTID	' || fail "--header: no header line"

# an empty dictionary and nothing built in: nothing to load, and nothing goes wrong
run dict --no-builtin --dict "$T/empty.txt"
expect_rc 0 "dict of an empty file only"
grep -q "lines skipped *0" "$T/out" || fail "empty dictionary: $(cat "$T/out")"
exit 0
