#!/bin/sh
# tests/cli — `entente import` and `entente export` end to end: GDELT and ICEWS files written
# here into a fresh SQLite store, importing again adds nothing, malformed rows and unreadable
# files give their exit codes, and export writes each format with its filters.
# Run by CTest as: sh import_export.sh ENTENTE SOURCE_DIR
E=${1:?usage: sh import_export.sh ENTENTE_BINARY SOURCE_DIR}
S=${2:?usage: sh import_export.sh ENTENTE_BINARY SOURCE_DIR}
T=$(mktemp -d) || exit 1
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
run() { "$E" "$@" >"$T/out" 2>"$T/err"; rc=$?; }
expect_rc() { [ "$rc" -eq "$1" ] || { cat "$T/err" >&2; fail "$2: exit $rc, want $1"; }; }
DB="$T/events.sqlite"

# gdelt_row NCOLS ID SQLDATE A1CODE A1NAME A2CODE A2NAME CODE QUAD GOLDSTEIN MENTIONS URL
gdelt_row() {
    awk -v n="$1" -v id="$2" -v day="$3" -v a1="$4" -v a1n="$5" -v a2="$6" -v a2n="$7" \
        -v code="$8" -v quad="$9" -v g="${10}" -v m="${11}" -v url="${12}" 'BEGIN {
        for (i = 1; i <= n; i++) c[i] = ""
        c[1] = id; c[2] = day; c[6] = a1; c[7] = a1n; c[16] = a2; c[17] = a2n; c[26] = 1
        c[27] = code; c[30] = quad; c[31] = g; c[32] = m; c[33] = 1; c[34] = m; c[35] = 0
        if (n == 61) { c[60] = "20220301000000"; c[61] = url }
        else { c[57] = "20220301"; if (n == 58) c[58] = url }
        line = c[1]; for (i = 2; i <= n; i++) line = line "\t" c[i]; print line }'
}

{
    gdelt_row 58 1001 20220301 IRNGOV "IRAN" RUS "RUSSIA" 057 2 8.0 12 http://example.org/deal
    gdelt_row 57 1002 19950510 RUS "RUSSIA" IRN "IRAN" 036 1 4.0 3 ""
    gdelt_row 61 1003 20220415 USA "UNITED STATES" RUSGOV "RUSSIA" 163 4 -8.0 40 https://example.com/sanctions
} >"$T/events.CSV"
gzip -c "$T/events.CSV" >"$T/events.CSV.gz"
printf 'date\tsource\tevent_text\tcameo_code\tgoldstein\ttarget\tsplit\n2018-05-02\tVladimir Putin\tConsult\t040\t1\tHassan Rouhani\ttrain\n2018-05-03\tMilitary (Russia)\tUse conventional military force\t190\t-10\tCitizen (Syria)\ttrain\n2018-05-03\tZorblax Quuxington\tMake statement\t010\t0\tIran\ttest\n' >"$T/icews.tsv"

# ---- import
run import gdelt "$T/events.CSV.gz" --db "$DB"
expect_rc 0 "import gdelt"
grep -q "3 rows: 3 events; 3 imported, 0 already present, 0 skipped" "$T/err" ||
    fail "import gdelt summary: $(cat "$T/err")"
run import gdelt "$T/events.CSV" --db "$DB"
expect_rc 0 "import gdelt again"
grep -q "3 imported\|0 imported, 3 already present" "$T/err" || fail "re-import: $(cat "$T/err")"
grep -q "0 imported, 3 already present" "$T/err" || fail "re-import added rows: $(cat "$T/err")"
run import icews "$T/icews.tsv" --db "$DB"
expect_rc 0 "import icews"
grep -q "3 imported" "$T/err" || fail "import icews summary: $(cat "$T/err")"
grep -q '1 of 6 actor names unresolved: "Zorblax Quuxington" 1' "$T/err" ||
    fail "unresolved names: $(cat "$T/err")"
run import icews "$T/icews.tsv" --db "$DB" -q
expect_rc 0 "import icews -q"
[ -s "$T/err" ] && fail "-q still printed: $(cat "$T/err")"

# ---- malformed rows: reported FILE:LINE, skipped, exit 1; the good rows still go in
{ gdelt_row 58 1004 20220302 IRN "IRAN" RUS "RUSSIA" 042 1 1.9 1 u; printf 'a\tb\n'
  gdelt_row 58 1005 20220231 IRN "IRAN" RUS "RUSSIA" 042 1 1.9 1 u; } >"$T/bad.CSV"
run import gdelt "$T/bad.CSV" --db "$DB"
expect_rc 1 "import with bad rows"
grep -q "bad.CSV:2: 2 columns" "$T/err" || fail "no line 2 diagnostic: $(cat "$T/err")"
grep -q "bad.CSV:3: SQLDATE" "$T/err" || fail "no line 3 diagnostic: $(cat "$T/err")"
grep -q "1 imported, 0 already present, 2 skipped" "$T/err" || fail "bad rows summary: $(cat "$T/err")"

# ---- an unreadable file among good ones: exit 3, the others imported
run import gdelt "$T/missing.CSV" "$T/events.CSV" --db "$DB"
expect_rc 3 "import with a missing file"
grep -q "missing.CSV: cannot open" "$T/err" || fail "missing file message: $(cat "$T/err")"
grep -q "2 files" "$T/err" || fail "missing file: the other file was not read"

# ---- usage errors
run import --db "$DB";              expect_rc 2 "import without kind"
run import acled "$T/events.CSV" --db "$DB"; expect_rc 2 "import unknown kind"
grep -q "unknown import kind 'acled'" "$T/err" || fail "unknown kind message"
run import gdelt --db "$DB";        expect_rc 2 "import without files"
run import icews "$T/icews.tsv" --db "$T/no/such/dir/x.sqlite"; expect_rc 4 "import into a bad store"

# ---- export: formats and filters
run export --db "$DB" --origin gdelt -q
expect_rc 0 "export jsonl"
[ "$(wc -l <"$T/out")" -eq 4 ] || fail "export gdelt origin: $(wc -l <"$T/out") lines"
head -1 "$T/out" | grep -q '"date":"1995-05-10"' || fail "export not in date order"
run export --db "$DB" --dyad IRN,RUS -f gdelt --header -q
expect_rc 0 "export gdelt dyad"
# header, 1002, the ICEWS Putin-Rouhani event, 1001 and 1004 (from bad.CSV)
[ "$(wc -l <"$T/out")" -eq 5 ] || fail "dyad IRN,RUS: $(cat "$T/out")"
head -1 "$T/out" | grep -q "^GLOBALEVENTID	SQLDATE" || fail "no GDELT header"
grep -q "^1001	20220301	202203	2022	.*	057	057	05	2	8.0	12	1	12	" "$T/out" ||
    fail "GDELT row lost its id or counts: $(grep '^1001' "$T/out")"
grep "^1001" "$T/out" | grep -q "http://example.org/deal$" || fail "GDELT row lost its url"
[ "$(awk -F'\t' '{print NF}' "$T/out" | sort -u)" = 58 ] || fail "GDELT rows are not 58 columns"
run export --db "$DB" --source RUS --cameo 19 -f csv -q
expect_rc 0 "export csv"
[ "$(wc -l <"$T/out")" -eq 2 ] || fail "csv: $(cat "$T/out")"
grep -q ",RUSMIL,Military (Russia),SYR,Citizen (Syria),190," "$T/out" || fail "csv row: $(cat "$T/out")"
run export --db "$DB" --from 2022-03 --to 2022-03 -q
[ "$(wc -l <"$T/out")" -eq 2 ] || fail "--from/--to month: $(cat "$T/out")"
run export --db "$DB" --to 2022-04 --origin gdelt -q
[ "$(wc -l <"$T/out")" -eq 4 ] || fail "--to 2022-04 is the end of April: $(cat "$T/out")"
run export --db "$DB" --target RUSGOV --from 2022 -q
grep -q '"doc_id":"1003"' "$T/out" && [ "$(wc -l <"$T/out")" -eq 1 ] || fail "--target: $(cat "$T/out")"
run export --db "$DB" --origin icews --source RUSGOV -q
grep -q '"target_code":"IRNGOV"' "$T/out" || fail "icews Putin to Rouhani: $(cat "$T/out")"
run export --db "$DB" --limit 2 -o "$T/two.jsonl"
expect_rc 0 "export -o"
[ "$(wc -l <"$T/two.jsonl")" -eq 2 ] || fail "--limit 2 -o"
grep -q "2 events exported" "$T/err" || fail "export summary: $(cat "$T/err")"

# ---- export usage errors
for bad in "--from 2022-13" "--to 22" "--from 2023 --to 2022" "--dyad IRN" "--dyad IRN,RUS --source IRN" \
    "--limit 0" "--limit x" "--cameo 05a" "--origin acled" "-f xml"; do
    # shellcheck disable=SC2086
    run export --db "$DB" $bad
    expect_rc 2 "export $bad"
    grep -q "^try 'entente --help'" "$T/err" || fail "export $bad: no help hint"
done
run export --db "$DB" extra; expect_rc 2 "export with an operand"
run export --db "$DB" -o "$T/no/such/dir/out"; expect_rc 3 "export to an unwritable file"

# coded events exported as GDELT rows: every event has a GLOBALEVENTID of its own, even the
# two events of one sentence ("A and B signed": A→B and B→A)
run ingest -q "$S/data/demo/iran-russia.jsonl" --db "$T/coded.sqlite"
expect_rc 0 "ingest the demo corpus"
run export --db "$T/coded.sqlite" -f gdelt -q
expect_rc 0 "export coded events as gdelt"
[ "$(cut -f1 "$T/out" | sort | uniq -d | wc -l)" -eq 0 ] || fail "repeated GLOBALEVENTIDs"
[ "$(wc -l <"$T/out")" -gt 100 ] || fail "too few coded events exported: $(wc -l <"$T/out")"
exit 0
