#!/bin/sh
# tests/cli — `entente code` output formats (JSON Lines key order, GDELT's 58 columns, CSV
# header and quoting) and --explain. Events are checked by structure; exact codes belong
# to the golden test. Run by CTest as: sh code_formats.sh ENTENTE SOURCE_DIR
E=${1:?usage: sh code_formats.sh ENTENTE_BINARY SOURCE_DIR}
T=$(mktemp -d) || exit 1
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
run() { "$E" "$@" >"$T/out" 2>"$T/err"; rc=$?; }
expect_rc() { [ "$rc" -eq "$1" ] || { cat "$T/err" >&2; fail "$2: exit $rc, want $1"; }; }

cat >"$T/news.jsonl" <<'JSON'
{"id":"f1","date":"2025-01-17","url":"https://example.org/f1","text":"Russia and Iran signed a trade agreement in Moscow on Friday."}
{"id":"f2","date":"2025-01-18","text":"Iran condemned the Israeli air strikes. Russia called for restraint."}
{"id":"f3, \"quoted\"","date":"2025-01-19","text":"The Russian president met the Iranian president in Tehran on Monday."}
{"id":"f4","date":"2025-01-20","text":"Iran accused Israel of attacking its embassy. Russia sold fighter jets to Iran."}
JSON

# JSON Lines: each line an object with the documented keys in the documented order
run code "$T/news.jsonl"
expect_rc 0 "jsonl"
keys='^\{"doc_id":"([^"\\]|\\.)*","sentence_index":[0-9]+,"date":("[0-9]{4}-[0-9]{2}-[0-9]{2}"|null),"source_code":.*,"source_name":.*,"target_code":.*,"target_name":.*,"event_code":"[0-9]{3,4}","event_base":"[0-9]{3}","event_root":"[0-9]{2}","goldstein":-?[0-9.]+,"quad_class":[1-4],"text":".*","offsets":\{"sentence":\[[0-9]+,[0-9]+\],"source":(\[[0-9]+,[0-9]+\]|null),"target":(\[[0-9]+,[0-9]+\]|null),"verb":(\[[0-9]+,[0-9]+\]|null)\},"rules":\[.*\],"issues":\[.*\](,"url":".*")?\}$'
n=$(wc -l <"$T/out")
[ "$(grep -cE "$keys" "$T/out")" -eq "$n" ] || { grep -vE "$keys" "$T/out" >&2; fail "JSON line with wrong keys or order"; }
grep '"doc_id":"f1"' "$T/out" | grep -qv '"url":"https://example.org/f1"}$' && fail "f1 events lack the url"
grep '"doc_id":"f2"' "$T/out" | grep -q '"url"' && fail "f2 events have a url"
if command -v python3 >/dev/null 2>&1; then
    python3 -c 'import json,sys
for l in open(sys.argv[1]): json.loads(l)' "$T/out" || fail "invalid JSON"
fi
[ "$n" -gt 0 ] || fail "no events at all from four plain news sentences"

# GDELT: 58 tab-separated fields on every line, header only with --header
run code -f gdelt "$T/news.jsonl"
expect_rc 0 "gdelt"
awk -F'\t' 'NF != 58 { print NR": "NF" fields"; bad = 1 } END { exit bad }' "$T/out" >&2 || fail "gdelt: a line without 58 fields"
[ "$(wc -l <"$T/out")" -eq "$n" ] || fail "gdelt: not one line per event"
grep -q '^GLOBALEVENTID' "$T/out" && fail "gdelt: header without --header"
awk -F'\t' '$2 !~ /^20250[12][0-9][0-9]$/ || $27 !~ /^[0-9][0-9][0-9][0-9]?$/ || $26 != "1" || $32 != "1" { print; bad = 1 } END { exit bad }' "$T/out" >&2 || fail "gdelt: bad SQLDATE, EventCode or counts"
grep -q 'https://example.org/f1$' "$T/out" || fail "gdelt: no SOURCEURL for f1"
run code -f gdelt --header "$T/news.jsonl"
expect_rc 0 "gdelt --header"
head -n 1 "$T/out" | awk -F'\t' 'NF != 58 || $1 != "GLOBALEVENTID" || $58 != "SOURCEURL" { exit 1 }' || fail "gdelt header"
[ "$(wc -l <"$T/out")" -eq $((n + 1)) ] || fail "gdelt --header: line count"
"$E" code -q -f gdelt "$T/news.jsonl" | cut -f1 >"$T/ids1"
"$E" code -q -f gdelt "$T/news.jsonl" | cut -f1 >"$T/ids2"
cmp -s "$T/ids1" "$T/ids2" || fail "GLOBALEVENTID not deterministic"
[ "$(sort "$T/ids1" | uniq -d | wc -l)" -eq 0 ] || fail "GLOBALEVENTID repeated"

# CSV: header row, then one row per event; the quoted id survives
run code -f csv "$T/news.jsonl"
expect_rc 0 "csv"
head -n 1 "$T/out" | grep -qx 'doc_id,sentence_index,date,source_code,source_name,target_code,target_name,event_code,event_base,event_root,goldstein,quad_class,text,sentence_start,sentence_end,source_start,source_end,target_start,target_end,verb_start,verb_end,rules,issues,url' || fail "csv header: $(head -n 1 "$T/out")"
[ "$(wc -l <"$T/out")" -eq $((n + 1)) ] || fail "csv: not one row per event"
if command -v python3 >/dev/null 2>&1; then
    python3 -c 'import csv,sys
rows = list(csv.reader(open(sys.argv[1], newline="")))
assert all(len(r) == 24 for r in rows), [len(r) for r in rows]
ids = {r[0] for r in rows[1:]}
assert ids <= {"f1", "f2", "f3, \"quoted\"", "f4"}, ids' "$T/out" || fail "csv does not parse back"
fi
run code -f csv </dev/null
expect_rc 0 "csv, no input"
[ "$(wc -l <"$T/out")" -eq 1 ] || fail "csv without events: want the header only"

# --explain: the coder's trace, then the events
run code --explain "Russia and Iran signed a trade agreement in Moscow on Friday." --date 2025-01-17
expect_rc 0 "--explain"
grep -q '^Trace:' "$T/out" || fail "--explain: no trace heading"
grep -q 'Russia and Iran signed a trade agreement' "$T/out" || fail "--explain: sentence not traced"
[ "$(sed -n '/^Trace:/,/^Events:/p' "$T/out" | wc -l)" -gt 3 ] || fail "--explain: trace is empty"
grep -q '^Events: [0-9]' "$T/out" || fail "--explain: no events section"
run code --explain "Iran protested." "$T/news.jsonl"
expect_rc 2 "--explain with a FILE"

# --default-source, --default-target: stand in for a side the text does not name
run code --default-source ISRGOV -f csv --date 2025-01-17 --explain "The ministry condemned Iran's attack."
expect_rc 0 "--default-source"
grep -q 'source: the default, ISRGOV' "$T/out" || fail "--default-source: $(cat "$T/out")"
echo '{"id":"d1","date":"2025-01-17","text":"The ministry condemned Iran."}' >"$T/d.jsonl"
run code --default-source ISRGOV -f csv "$T/d.jsonl"
expect_rc 0 "--default-source on a file"
grep -q ',ISRGOV,.*,IRN,' "$T/out" || fail "--default-source: no ISRGOV -> IRN row: $(cat "$T/out")"
run code --default-target 'X' "$T/d.jsonl"
expect_rc 2 "--default-target X"
grep -q "not an actor code" "$T/err" || fail "--default-target X: $(cat "$T/err")"
exit 0
