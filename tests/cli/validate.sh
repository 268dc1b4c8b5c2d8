#!/bin/sh
# tests/cli — `entente validate FILE`: a PETRARCH suite and a TABARI suite written here (our
# own sentences, coded by the built-in dictionaries), the failure table, the closing line,
# --json, --explain-failures, -o, the exit codes (0 whatever the scores, 1 for a skipped
# record, 2 usage, 3 missing or broken files); then the real PETRARCH-2 gold standard records
# from ../shared. Run by CTest as: sh validate.sh ENTENTE SOURCE_DIR
E=${1:?usage: sh validate.sh ENTENTE_BINARY SOURCE_DIR}
S=${2:?usage: sh validate.sh ENTENTE_BINARY SOURCE_DIR}
T=$(mktemp -d) || exit 1
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
run() { "$E" "$@" >"$T/out" 2>"$T/err"; rc=$?; }
expect_rc() { [ "$rc" -eq "$1" ] || { cat "$T/err" >&2; fail "$2: exit $rc, want $1"; }; }
json_ok() {
    if command -v python3 >/dev/null 2>&1; then
        python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$1" || fail "$2: invalid JSON"
    fi
}

cat >"$T/suite.xml" <<'XML'
<Validation>
<Environment>
    <Verbfile>test.verbs.txt</Verbfile>
    <Actorfile>test.actors.txt</Actorfile>
    <Include>DEMO</Include>
</Environment>
<Sentences>
<Sentence date="20200306" id="P-01" category="DEMO">
<EventCoding sourcecode="IRN" targetcode="RUS" eventcode="057"/>
<EventCoding sourcecode="RUS" targetcode="IRN" eventcode="057"/>
<Text>Russia and Iran signed an agreement on Friday.</Text>
</Sentence>
<Config option="require_dyad" value="false"/>
<Sentence date="20200306" id="P-02" category="DEMO">
<EventCoding sourcecode="CHN" targetcode="JPN" eventcode="111"/>
<Text>China accused Japan of provoking a crisis.</Text>
</Sentence>
<Sentence date="20200306" id="P-03" category="DEMO">
<EventCoding noevents="True"/>
<Text>Russia did not sign the agreement with Iran.</Text>
</Sentence>
<Sentence date="20200306" id="P-04" category="LATER">
<EventCoding noevents="True"/>
<Text>Israel condemned Iran on Tuesday.</Text>
</Sentence>
</Sentences>
</Validation>
XML

# P-01 and P-03 pass, P-02 fails (112 is coded), P-04's category is not included.
run validate "$T/suite.xml"
expect_rc 0 "validate a PETRARCH suite"
[ "$(tail -n 1 "$T/out")" = "2 passed, 1 failed" ] || fail "closing line: $(tail -n 1 "$T/out")"
grep -q '^P-02  *DEMO  *CHN/JPN/111  *CHN/JPN/112  *expected events not coded$' "$T/out" ||
    fail "failure row: $(cat "$T/out")"
grep -q 'P-01' "$T/out" && fail "a passed record is listed: $(cat "$T/out")"
grep -q '^DEMO  *3  *2  *1  *66.7%' "$T/out" || fail "category row: $(cat "$T/out")"
grep -q '^LATER  *1  *0  *0 .* 1 ' "$T/out" || fail "excluded category row: $(cat "$T/out")"
grep -q '^Coding: 3 records, 3 sentences in [0-9.]* ms: [0-9]* sentences/s$' "$T/out" ||
    fail "speed line: $(cat "$T/out")"
grep -q 'options .*1 not applied.*require_dyad 1' "$T/out" || fail "options line: $(cat "$T/out")"
[ -s "$T/err" ] && fail "stderr: $(cat "$T/err")"

# --explain-failures: the coder's trace under the failed row
run validate "$T/suite.xml" --explain-failures
expect_rc 0 "--explain-failures"
grep -q '^    sentence 0: China accused Japan' "$T/out" || fail "no trace: $(cat "$T/out")"
grep -q 'event CHN -> JPN 112' "$T/out" || fail "trace without the event: $(cat "$T/out")"

# --json, to a file with -o; the summary goes to stderr
run validate "$T/suite.xml" --json -o "$T/r.json" --explain-failures
expect_rc 0 "--json"
[ -s "$T/out" ] && fail "--json -o wrote to stdout"
json_ok "$T/r.json" "--json"
grep -q '"passed":2,"failed":1,' "$T/r.json" || fail "json counts: $(cat "$T/r.json")"
grep -q '"failures":\[{"id":"P-02"' "$T/r.json" || fail "json failures: $(cat "$T/r.json")"
grep -q '"trace":\["sentence 0: China' "$T/r.json" || fail "json trace"
grep -q "2 passed, 1 failed" "$T/err" || fail "json summary line: $(cat "$T/err")"
run validate "$T/suite.xml" --json -q
[ -s "$T/err" ] && fail "--json -q printed: $(cat "$T/err")"
json_ok "$T/out" "--json to stdout"

# TABARI records: in order, with the count; {---}; a record after FINAL-01 is not read
cat >"$T/suite.text" <<'TEXT'
######################################
# entente's own TABARI-format records
######################################

200306  T-01
Russia and Iran signed an agreement on Friday.
/*\n{ RUS / IRN / 057 }
\n{ IRN / RUS / 057 } */

200306  T-02
Russia and Iran signed an agreement on Friday.
/*\n{ IRN / RUS / 057 }
\n{ RUS / IRN / 057 } */

200306  T-03
Russia did not sign the agreement with Iran.
/*\n{---} */

200306  FINAL-01
The end of the records.

200306  T-04
Israel condemned Iran on Tuesday.
/*\n{ ISR / IRN / 111 } */
TEXT
run validate "$T/suite.text"
expect_rc 0 "validate TABARI records"
[ "$(tail -n 1 "$T/out")" = "2 passed, 1 failed" ] || fail "TABARI closing line: $(cat "$T/out")"
grep -q '^T-02 .*the same events in another order$' "$T/out" || fail "order: $(cat "$T/out")"
grep -q 'TABARI records, 4 records, to FINAL-01' "$T/out" || fail "header: $(cat "$T/out")"

# a record that cannot be read is reported and skipped: exit 1
printf '\n201399  BAD-01\nIsrael condemned Iran on Tuesday.\n/*\\n{ ISR / IRN / 111 } */\n' \
    >>"$T/suite.text"
sed -i 's/FINAL-01/END-01/' "$T/suite.text"
run validate "$T/suite.text"
expect_rc 1 "a bad date"
grep -q "suite.text:.*BAD-01: bad date '201399'" "$T/err" || fail "bad date message: $(cat "$T/err")"
[ "$(tail -n 1 "$T/out")" = "3 passed, 1 failed" ] || fail "with a skipped record: $(cat "$T/out")"

# usage errors: exit 2
run validate;                                expect_rc 2 "no FILE"
run validate "$T/suite.xml" "$T/suite.text"; expect_rc 2 "two FILEs"
run validate "$T/suite.xml" --no-such;       expect_rc 2 "unknown option"
run validate "$T/suite.xml" --explain x;     expect_rc 2 "an option of code"
run validate -;                              expect_rc 2 "standard input"
grep -q "^try 'entente --help'$" "$T/err" || fail "no hint"

# missing or broken files: exit 3
run validate "$T/no-such-suite.xml"
expect_rc 3 "missing suite"
grep -q 'no-such-suite.xml: No such file' "$T/err" || fail "missing message: $(cat "$T/err")"
printf '<Validation>\n<Sentence id="A">\n</Validation>\n' >"$T/broken.xml"
run validate "$T/broken.xml"
expect_rc 3 "not well-formed"
grep -q 'broken.xml:[0-9]*: not well-formed XML' "$T/err" || fail "xml message: $(cat "$T/err")"
run validate "$T/suite.xml" --suite-dicts
expect_rc 3 "a dictionary the suite names is missing"
grep -q 'verbs dictionary test.verbs.txt was not found' "$T/err" || fail "dict message: $(cat "$T/err")"
run validate "$T/suite.xml" --dict "$T/no-such.ent"
expect_rc 3 "missing --dict"

# the dictionaries a suite names are loaded with --suite-dicts / --dict-dir (here written in
# the .ent format, which ent_dict_load reads today), and --dict adds more
cat >"$T/gondor.xml" <<'XML'
<Validation>
<Environment><Verbfile>test.verbs.txt</Verbfile><Actorfile>test.actors.txt</Actorfile></Environment>
<Sentence date="20200306" id="G-01" category="ACTOR">
<EventCoding sourcecode="GON" targetcode="IRN" eventcode="111"/>
<Text>Gondor condemned Iran on Tuesday.</Text>
</Sentence>
</Validation>
XML
mkdir "$T/dicts"
printf '@actors\nGON : Gondor\n' >"$T/dicts/test.actors.txt"
printf '@verbs\n111 : condemn +\n' >"$T/dicts/test.verbs.txt"
run validate "$T/gondor.xml"
expect_rc 0 "without the suite's dictionaries"
[ "$(tail -n 1 "$T/out")" = "0 passed, 1 failed" ] || fail "built-in only: $(cat "$T/out")"
run validate "$T/gondor.xml" --dict-dir "$T/dicts"
expect_rc 0 "--dict-dir"
[ "$(tail -n 1 "$T/out")" = "1 passed, 0 failed" ] || fail "--dict-dir: $(cat "$T/out")"
grep -q "^dictionaries built-in, $T/dicts/test.verbs.txt, $T/dicts/test.actors.txt$" "$T/out" ||
    fail "dictionaries line: $(cat "$T/out")"
cp "$T/dicts/test.actors.txt" "$T/test.actors.txt"
cp "$T/dicts/test.verbs.txt" "$T/test.verbs.txt"
run validate "$T/gondor.xml" --suite-dicts   # found beside the suite
expect_rc 0 "--suite-dicts"
[ "$(tail -n 1 "$T/out")" = "1 passed, 0 failed" ] || fail "--suite-dicts: $(cat "$T/out")"
run validate "$T/gondor.xml" --dict "$T/dicts/test.actors.txt"
[ "$(tail -n 1 "$T/out")" = "1 passed, 0 failed" ] || fail "--dict: $(cat "$T/out")"
run validate "$T/gondor.xml" --suite-dicts --no-builtin
expect_rc 0 "--no-builtin"
grep -q '^dictionaries '"$T"'/test.verbs.txt, ' "$T/out" || fail "no built-in: $(cat "$T/out")"

# the real PETRARCH-2 gold standard records
GSR="$S/../shared/interop/petrarch2/gsr/PETR2_GSR_validation.fixed.xml"
if [ -r "$GSR" ]; then
    run validate "$GSR"
    expect_rc 0 "the GSR"
    last=$(tail -n 1 "$T/out")
    echo "$last" | grep -q '^[0-9][0-9]* passed, [0-9][0-9]* failed$' || fail "GSR closing line: $last"
    p=${last%% passed*}
    f=${last#*, }
    f=${f%% failed}
    [ $((p + f)) -eq 78 ] || fail "GSR: $p + $f records evaluated, want 78"
    grep -q '^all  *78 ' "$T/out" || fail "GSR all row: $(cat "$T/out")"
    grep -q 'sentences/s$' "$T/out" || fail "GSR: no speed"
    run validate "$GSR" --json -q
    expect_rc 0 "the GSR as JSON"
    json_ok "$T/out" "GSR --json"
    grep -q '"records":78,' "$T/out" || fail "GSR json records"
else
    [ "${CI:-}" = true ] && fail "$GSR is missing (required under CI=true)"
    echo "SKIP: $GSR is missing (../shared is not beside the project)"
fi

# The scores on the suites with their own dictionaries may only rise (docs/accuracy.md has
# them and issue 4's targets). "SUITE MIN": raise MIN when the coder improves.
I="$S/../shared/interop"
while read -r suite min; do
    if [ ! -r "$I/$suite" ]; then
        [ "${CI:-}" = true ] && fail "$I/$suite is missing (required under CI=true)"
        echo "SKIP: $I/$suite is missing (../shared is not beside the project)"
        continue
    fi
    run validate "$I/$suite" --suite-dicts
    expect_rc 0 "$suite --suite-dicts"
    p=$(tail -n 1 "$T/out")
    p=${p%% passed*}
    [ "$p" -ge "$min" ] || fail "$suite --suite-dicts: $p passed, fewer than the $min of before"
done <<SUITES
petrarch2/PETR.UnitTest.records.xml 184
petrarch2/gsr/PETR2_GSR_validation.fixed.xml 36
tabari/Validate.project 223
tabari/TABARI.Demo.project 21
universalpetrarch/validate-2_02/PETR_Validate_records_2_02.fixed.xml 162
SUITES
exit 0
