#!/bin/sh
# tests/cli — `entente report A B`: the built-in demo corpus ingested into a store, then the
# report as Markdown (the seven sections, evidence lines with dates), HTML (inline SVG charts)
# and JSON (valid, with its figures); the format from -o's extension; bad arguments (exit 2),
# a pair without events (exit 1), an unopenable store (4), a missing registry (3); then a
# report from the real ICEWS18 events of ../shared, Iran and Russia with Israel as the third
# party. Run by CTest as: sh report.sh ENTENTE SOURCE_DIR
E=${1:?usage: sh report.sh ENTENTE_BINARY SOURCE_DIR}
S=${2:?usage: sh report.sh ENTENTE_BINARY SOURCE_DIR}
T=$(mktemp -d) || exit 1
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
run() { "$E" "$@" >"$T/out" 2>"$T/err"; rc=$?; }
expect_rc() { [ "$rc" -eq "$1" ] || { cat "$T/err" >&2; fail "$2: exit $rc, want $1"; }; }
have_python() { command -v python3 >/dev/null 2>&1; }
DB="$T/demo.sqlite"

run ingest "$S/data/demo/iran-russia.jsonl" --db "$DB" -q
expect_rc 0 "ingest the demo corpus"

# Markdown on standard output: the seven sections of the seed analysis, then reliability.
run report IRN RUS --db "$DB" --third ISR
expect_rc 0 "report (markdown)"
for h in "## 1. History arc" "## 2. Catalysts" "## 3. Formal agreements and what they oblige" \
    "## 4. Pillars of cooperation" "## 5. Red lines and limits" \
    "## 6. The third-party factor: Israel" "## 7. Global implications" "## 8. Reliability"; do
    grep -qxF "$h" "$T/out" || fail "markdown: no heading '$h'"
done
# Evidence: "- [n] YYYY-MM-DD, SOURCE (name) → TARGET (name), CAMEO code ..., with the url
# and the document key of the demo record.
grep -Eq '^- \[[0-9]+\] [0-9]{4}-[0-9]{2}-[0-9]{2}, [A-Z]+ .* → [A-Z]+ .*, CAMEO [0-9]+' "$T/out" ||
    fail "markdown: no evidence line"
grep -q 'document `demo-20250117-strategic-partnership-treaty`' "$T/out" ||
    fail "markdown: the 2025 treaty's record is not cited"
grep -q 'Commits neither side to mutual defence' "$T/out" || fail "markdown: no obligation sentence"
grep -q '(window 1995-01-01 to 2025-09-30)' "$T/out" || fail "markdown: figures without window"
grep -q '^entente: report IRN-RUS, third party ISR: 72 events from 1995-01-01 to 2025-09-30' \
    "$T/err" || fail "summary: $(cat "$T/err")"
grep -q ' s$' "$T/err" || fail "summary has no time: $(cat "$T/err")"

# HTML from -o's extension: one page, inline SVG charts, no script.
run report IRN RUS --db "$DB" --third ISR -o "$T/r.html" -q
expect_rc 0 "report -o r.html"
[ -s "$T/out" ] && fail "-o wrote to standard output"
head -n 1 "$T/r.html" | grep -q '^<!DOCTYPE html>' || fail "html: no doctype"
[ "$(grep -c '<svg ' "$T/r.html")" -eq 4 ] || fail "html: want 4 charts, got $(grep -c '<svg ' "$T/r.html")"
grep -q '<h2>7. Global implications</h2>' "$T/r.html" || fail "html: no section 7"
grep -q '<a href="#e1">\[1\]</a>' "$T/r.html" || fail "html: citations are not links"
grep -q '<script' "$T/r.html" && fail "html has a script"
if have_python; then
    python3 -c 'import sys, xml.etree.ElementTree as E, re
for s in re.findall(r"<svg .*?</svg>", open(sys.argv[1]).read(), re.S): E.fromstring(s)' \
        "$T/r.html" || fail "html: an SVG chart is not well-formed XML"
fi

# JSON: from -o's extension, and with -f (which wins over the extension).
run report IRN RUS --db "$DB" --third ISR -o "$T/r.json" -q
expect_rc 0 "report -o r.json"
run report IRN RUS --db "$DB" --third ISR -f json -o "$T/r.md" -q
expect_rc 0 "report -f json -o r.md"
cmp -s "$T/r.json" "$T/r.md" || fail "-f json and -o .json differ"
if have_python; then
    python3 - "$T/r.json" <<'PY' || fail "json: figures"
import json, sys
m = json.load(open(sys.argv[1]))
assert m["a"]["code"] == "IRN" and m["b"]["code"] == "RUS" and m["third"]["code"] == "ISR"
ids = [s["id"] for s in m["sections"]]
assert ids == ["history", "catalysts", "agreements", "pillars", "red_lines", "third_party",
               "global", "reliability"], ids
assert m["store"]["dyad_events"] == 72
sec = {s["id"]: s for s in m["sections"]}
assert sec["history"]["data"]["events"]["total"] == 72
assert any(t["id"] == "ir-ru-2025" for t in sec["agreements"]["data"]["treaties"])
assert sec["red_lines"]["data"]["obligations"]["defence"]["status"] == "absent"
# every finding's citations point into the evidence list, and every table names a window
n = len(m["evidence"])
for s in m["sections"]:
    for f in s["findings"]:
        assert all(1 <= c <= n for c in f["cite"]), f
    for t in s["tables"]:
        assert t["window"]["from"] and t["window"]["to"], t["caption"]
assert all(e["date"] and e["code"] for e in m["evidence"])
PY
else
    grep -q '"sections"' "$T/r.json" || fail "json: no sections"
fi

# Without --third, the country with most events with both sides is taken.
run report IRN RUS --db "$DB" -f json -q
expect_rc 0 "report without --third"
grep -q '"chosen": "most events with both A and B"' "$T/out" || fail "no third party chosen"

# A window: only its events count.
run report RUS IRN --db "$DB" --from 2022 --to 2025-06 -q
expect_rc 0 "report with a window"
grep -q 'Window 2022-01-01 to 2025-06-30 (given)' "$T/out" || fail "window: $(head -n 3 "$T/out")"

# Bad arguments: exit 2 with a message and the hint.
for args in "IRN" "IRN RUS USA" "iran RUS" "IRN IRNGOV" "IR RUS" "IRN RUS --third RUSMIL" \
    "IRN RUS -f pdf" "IRN RUS --from 2022-13" "IRN RUS --from 2023 --to 2022" "IRN RUS --top 1" \
    "IRN RUS --penalty -3" "IRN RUS --by month" "IRN RUS --third ir"; do
    # shellcheck disable=SC2086
    run report $args --db "$DB"
    expect_rc 2 "report $args"
    head -n 1 "$T/err" | grep -q "^entente: " || fail "report $args: no message"
    tail -n 1 "$T/err" | grep -qx "try 'entente --help'" || fail "report $args: no hint"
done
# A pair without events: a message, nothing written, exit 1.
run report IRN JPN --db "$DB"
expect_rc 1 "report of a pair without events"
grep -q "no events between IRN and JPN" "$T/err" || fail "empty pair: $(cat "$T/err")"
[ -s "$T/out" ] && fail "empty pair: wrote a report"
run report IRN RUS --db "$T/missing-dir/x.sqlite"
expect_rc 4 "report on an unopenable store"
run report IRN RUS --db "$DB" --registry "$T/no-such-registry.tsv"
expect_rc 3 "report with a missing registry"
run report --help
expect_rc 0 "report --help"
grep -q '^Usage: entente report A B' "$T/out" || fail "report --help: usage line"

# Real data: ICEWS 2018 (January to October) imported, Iran and Russia with Israel.
ICEWS="$S/../shared/data/icews/icews18_full.tsv.gz"
if [ ! -r "$ICEWS" ]; then
    [ "${CI:-}" = true ] && fail "$ICEWS is missing (required under CI=true)"
    echo "SKIP: $ICEWS not found: the ICEWS part of this test did not run"
    echo "report: ok"
    exit 0
fi
run import icews "$ICEWS" --db "$T/icews.sqlite" -q
expect_rc 0 "import icews18"
run report IRN RUS --third ISR --db "$T/icews.sqlite" -o "$T/icews.json"
expect_rc 0 "report on icews18"
grep -q '^entente: report IRN-RUS, third party ISR: [0-9][0-9][0-9][0-9]* events from 2018-01-01 to 2018-10-31' \
    "$T/err" || fail "icews18 summary: $(cat "$T/err")"
if have_python; then
    python3 - "$T/icews.json" <<'PY' || fail "icews18: figures"
import json, sys
m = json.load(open(sys.argv[1]))
sec = {s["id"]: s for s in m["sections"]}
assert m["store"]["dyad_events"] > 1000, m["store"]
assert len(sec["history"]["data"]["years"]) == 1
assert sec["catalysts"]["data"]["peaks"], "no busiest months"
tp = sec["third_party"]["data"]
# Israel: at odds with Iran, on speaking terms with Russia, so Russia is the pivot.
assert tp["signs"] == {"ab": 1, "bc": 1, "ca": -1}, tp["signs"]
assert tp["kind"] == "friend_enemy" and tp["pivot"] == "RUS", tp
g = sec["global"]["data"]
assert g["sanctions"]["RUS"]["USA"] > 10 and g["sanctions"]["IRN"]["USA"] > 10, g["sanctions"]
assert len(g["nodes"]) == 30 and len(g["blocs"]) >= 2
assert all(d["shock_days"] > 0 for d in sec["reliability"]["data"]["directions"])
assert len(m["evidence"]) > 20
PY
fi
run report IRN RUS --third ISR --db "$T/icews.sqlite" -q
expect_rc 0 "markdown report on icews18"
grep -q "^- \[[0-9]*\] 2018-" "$T/out" || fail "icews18: no evidence line"
grep -q "icews event " "$T/out" || fail "icews18: evidence without the dataset's event id"
echo "report: ok"
