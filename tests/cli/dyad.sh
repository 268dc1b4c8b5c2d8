#!/bin/sh
# tests/cli — `entente dyad A B`: a store made from ICEWS rows written here (actor names that
# the dictionaries give codes: a leader counts for his country), the CSV header and rows,
# empty months, --by year, --json, bad arguments; then the real ICEWS18 sample from ../shared.
# Run by CTest as: sh dyad.sh ENTENTE SOURCE_DIR
E=${1:?usage: sh dyad.sh ENTENTE_BINARY SOURCE_DIR}
S=${2:?usage: sh dyad.sh ENTENTE_BINARY SOURCE_DIR}
T=$(mktemp -d) || exit 1
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
run() { "$E" "$@" >"$T/out" 2>"$T/err"; rc=$?; }
expect_rc() { [ "$rc" -eq "$1" ] || { cat "$T/err" >&2; fail "$2: exit $rc, want $1"; }; }
DB="$T/events.sqlite"

# ICEWS knowledge-graph rows: date, source, event_text, cameo_code, goldstein, target.
{
    printf 'date\tsource\tevent_text\tcameo_code\tgoldstein\ttarget\n'
    printf '2022-01-10\tVladimir Putin\tConsult\t040\t1\tIran\n'
    printf '2022-01-19\tIran\tSign formal agreement\t057\t8\tRussia\n'
    printf '2022-01-19\tRussia\tSign formal agreement\t057\t8\tIran\n'
    printf '2022-03-02\tIran\tCriticize or denounce\t111\t-2\tRussia\n'
    printf '2022-03-05\tIran\tMake statement\t010\t0\tUnited States\n'
    printf '2022-03-07\tChina\tConsult\t040\t1\tRussia\n'
} >"$T/icews.tsv"
run import icews "$T/icews.tsv" --db "$DB"
expect_rc 0 "import"

run dyad IRN RUS --db "$DB" --csv
expect_rc 0 "dyad --csv"
cat >"$T/want" <<'CSV'
period,source,target,events,goldstein_sum,goldstein_mean,verbal_coop,material_coop,verbal_conflict,material_conflict
2022-01,IRN,RUS,1,8.0,8.000,1,0,0,0
2022-01,RUS,IRN,2,9.0,4.500,2,0,0,0
2022-02,IRN,RUS,0,0.0,0.000,0,0,0,0
2022-02,RUS,IRN,0,0.0,0.000,0,0,0,0
2022-03,IRN,RUS,1,-2.0,-2.000,0,0,1,0
2022-03,RUS,IRN,0,0.0,0.000,0,0,0,0
CSV
diff "$T/want" "$T/out" >&2 || fail "dyad --csv rows"
grep -q "IRN-RUS: 4 events in 3 months" "$T/err" || fail "summary: $(cat "$T/err")"

# The order of the operands is the order of the directions; --by year sums the months.
run dyad RUS IRN --db "$DB" --by year --csv -q
expect_rc 0 "dyad --by year"
[ "$(sed -n 2p "$T/out")" = "2022,RUS,IRN,2,9.0,4.500,2,0,0,0" ] || fail "year row: $(cat "$T/out")"
[ "$(sed -n 3p "$T/out")" = "2022,IRN,RUS,2,6.0,3.000,1,0,1,0" ] || fail "year row 2: $(cat "$T/out")"

# JSON: the share of Iran's March events that went to Russia is 1 of 2.
run dyad IRN RUS --db "$DB" --json --from 2022-03 --to 2022-03 -q
expect_rc 0 "dyad --json"
grep -q '"period":"2022-03","ab":{"events":1,' "$T/out" || fail "json: $(cat "$T/out")"
grep -q '"source_total":2,"share":0.5000' "$T/out" || fail "json share: $(cat "$T/out")"
python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$T/out" 2>/dev/null ||
    { ! command -v python3 >/dev/null || fail "json does not parse"; }

# The table: a header and two lines a month.
run dyad IRN RUS --db "$DB"
expect_rc 0 "dyad table"
[ "$(wc -l <"$T/out")" -eq 7 ] || fail "table lines: $(cat "$T/out")"
grep -q "^2022-01 *IRN>RUS *1 *8.0" "$T/out" || fail "table row: $(cat "$T/out")"

# Bad arguments: exit 2 with a message.
for args in "IRN" "IRN RUS USA" "iran RUS" "IRN RUS --by decade" "IRN RUS --from 2022-13" \
    "IRN RUS --from 2023 --to 2022" "IRN RUS --csv --json"; do
    # shellcheck disable=SC2086
    run dyad $args --db "$DB"
    expect_rc 2 "dyad $args"
    grep -q "^entente: " "$T/err" || fail "dyad $args: no message"
done
run dyad IRN RUS --db "$T/missing-dir/x.sqlite"
expect_rc 4 "dyad on an unopenable store"

# Real data: ICEWS 2018 events (January to October), Iran and Russia, both ways, every
# month from January to September.
ICEWS="$S/../shared/data/icews/icews18_full.tsv.gz"
if [ ! -r "$ICEWS" ]; then
    [ "${CI:-}" = true ] && fail "$ICEWS is missing (required under CI=true)"
    echo "SKIP: $ICEWS not found: the ICEWS part of this test did not run"
    exit 0
fi
run import icews "$ICEWS" --db "$T/icews.sqlite" -q
expect_rc 0 "import icews18"
run dyad IRN RUS --db "$T/icews.sqlite" --from 2018-01 --to 2018-09 --csv -q
expect_rc 0 "dyad on icews18"
[ "$(wc -l <"$T/out")" -eq 19 ] || fail "icews18 months: $(wc -l <"$T/out") lines"
awk -F, 'NR > 1 && $4 < 10 { bad = 1 } END { exit bad }' "$T/out" ||
    fail "a month with under 10 Iran-Russia events: $(cat "$T/out")"
echo "dyad: ok"
