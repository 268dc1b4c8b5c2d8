#!/bin/sh
# tests/cli — `--ontology plover` of `entente code` and `entente export`: PLOVER records, one
# valid JSON object per event, with the PLOVER type of the CAMEO code the built-in
# dictionaries give each sentence (see entente code --explain); --ontology cameo unchanged;
# PLOVER with GDELT or CSV columns a usage error. Run by CTest as: sh plover.sh ENTENTE
# SOURCE_DIR
E=${1:?usage: sh plover.sh ENTENTE_BINARY SOURCE_DIR}
T=$(mktemp -d) || exit 1
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
run() { "$E" "$@" >"$T/out" 2>"$T/err"; rc=$?; }
expect_rc() { [ "$rc" -eq "$1" ] || { cat "$T/err" >&2; fail "$2: exit $rc, want $1"; }; }
HAVE_PY=0
command -v python3 >/dev/null 2>&1 && HAVE_PY=1

cat >"$T/news.jsonl" <<'JSON'
{"id":"p1","date":"2025-01-17","url":"https://example.org/p1","text":"Russia and Iran signed a trade agreement in Moscow on Friday."}
{"id":"p2","date":"2025-01-18","text":"Iran agreed to cooperate with Russia on energy."}
{"id":"p3","date":"2025-01-19","text":"Israeli jets bombed Iranian air defences near Isfahan."}
{"id":"p4","date":"2025-01-20","text":"Iran appealed to Russia for help."}
JSON

# The CAMEO codes the built-in dictionaries give: 057 (sign formal agreement), 031, 195, 020.
run code --explain "Russia and Iran signed a trade agreement in Moscow on Friday." --date 2025-01-17 --ontology plover
expect_rc 0 "--explain --ontology plover"
grep -q '^1\. RUS (Russia) -> IRN (Iran): 057 ' "$T/out" || fail "--explain: not 057: $(cat "$T/out")"
grep -q '^  plover    SUPPORT, mode none, context diplomatic (CAMEO 057)$' "$T/out" ||
    fail "--explain: no PLOVER line: $(grep plover "$T/out")"
run code --explain "Iran appealed to Russia for help." --date 2025-01-17 --ontology plover
expect_rc 0 "--explain of an appeal"
grep -q '^  plover    none (PLOVER has no type for CAMEO 020)$' "$T/out" ||
    fail "--explain of an appeal: $(cat "$T/out")"
run code --explain "Iran appealed to Russia for help." --date 2025-01-17
grep -q 'plover' "$T/out" && fail "--explain without --ontology plover shows PLOVER"

# code --ontology plover: one record per event, the CAMEO output's count
run code -q "$T/news.jsonl"
expect_rc 0 "code"
cp "$T/out" "$T/cameo"
run code -q --ontology cameo "$T/news.jsonl"
expect_rc 0 "code --ontology cameo"
cmp -s "$T/out" "$T/cameo" || fail "--ontology cameo differs from the default output"
run code --ontology plover "$T/news.jsonl"
expect_rc 0 "code --ontology plover"
n=$(wc -l <"$T/out")
[ "$n" -gt 0 ] || fail "plover: no events"
[ "$n" -eq "$(wc -l <"$T/cameo")" ] || fail "plover: $n lines, cameo: $(wc -l <"$T/cameo")"
grep -q "$n events" "$T/err" || fail "summary: $(cat "$T/err")"
keys='^\{"id":"[0-9]+","date":"2025-01-[0-9]{2}","event":("[A-Z]+"|null),"mode":("[a-z_-]+"|null),"context":("[a-z_, ]+"|null),"source":\[.*\],"target":\[.*\],"text":".*","version":"0\.8","doc_id":"p[1-4]","sentence_index":[0-9]+,"cameo_code":"[0-9]{3,4}","source_code":"[A-Z0-9]*","target_code":"[A-Z0-9]*","goldstein":-?[0-9.]+,"quad_class":[1-4],"offsets":\{.*\},"issues":\[.*\](,"url":".*")?\}$'
[ "$(grep -cE "$keys" "$T/out")" -eq "$n" ] || { grep -vE "$keys" "$T/out" >&2; fail "a PLOVER record with wrong keys or order"; }
grep '"doc_id":"p1"' "$T/out" | grep -v '"event":"SUPPORT","mode":null,"context":"diplomatic"' && fail "p1 is not SUPPORT"
grep -q '"event":"SUPPORT".*"doc_id":"p1".*"cameo_code":"057"' "$T/out" || fail "no SUPPORT from 057"
grep -q '"event":"AGREE".*"doc_id":"p2".*"cameo_code":"031"' "$T/out" || fail "no AGREE from 031"
grep -q '"event":"ASSAULT","mode":"heavy-weapons","context":"military".*"doc_id":"p3"' "$T/out" || fail "no ASSAULT from p3"
grep -q '"event":null,"mode":null,"context":null.*"doc_id":"p4".*"cameo_code":"020"' "$T/out" || fail "the appeal is not written with a null event"
grep '"doc_id":"p1"' "$T/out" | grep -q '"source":\[{"actorText":"Russia","code":"RUS"}\],"target":\[{"actorText":"Iran","code":"IRN"}\]' ||
    fail "p1 actors: $(grep '"doc_id":"p1"' "$T/out")"
if [ "$HAVE_PY" = 1 ]; then
    python3 - "$T/out" <<'PY' || fail "PLOVER records do not parse as expected"
import json, sys
types = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
         "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
recs = [json.loads(line) for line in open(sys.argv[1])]
ids = [r["id"] for r in recs]
assert len(ids) == len(set(ids)), "ids repeat"
for r in recs:
    assert r["event"] is None or r["event"] in types, r["event"]
    assert (r["event"] is None) == r["cameo_code"].startswith(("01", "02")), r
    for side in ("source", "target"):
        assert isinstance(r[side], list) and len(r[side]) <= 1, r[side]
        for a in r[side]:
            assert a.get("code", "") + a.get("sector", "") == r[side + "_code"], (a, r)
            s = r["offsets"][side]
            assert a["actorText"] == r["text"][s[0] - r["offsets"]["sentence"][0]:][:s[1] - s[0]]
    assert r["text"], r
p1 = [r for r in recs if r["doc_id"] == "p1"]
assert p1 and all(r["url"] == "https://example.org/p1" for r in p1)
assert {(r["source_code"], r["target_code"]) for r in p1} == {("RUS", "IRN"), ("IRN", "RUS")}
PY
fi

# PLOVER records are JSON Lines: other formats and unknown ontologies are usage errors
for args in "-f gdelt --ontology plover" "-f csv --ontology plover" "--ontology plover -f tsv" \
    "--ontology CAMEO" "--ontology petrarch"; do
    # shellcheck disable=SC2086
    run code $args "$T/news.jsonl"
    expect_rc 2 "code $args"
    [ -s "$T/out" ] && fail "code $args wrote output"
    grep -q "^entente: .*ontology" "$T/err" || fail "code $args: $(cat "$T/err")"
done
run code -f jsonl --ontology plover "$T/news.jsonl"
expect_rc 0 "-f jsonl --ontology plover"
run dyad IRN RUS --ontology plover
expect_rc 2 "--ontology does not apply to dyad"

# export --ontology plover: the stored events as PLOVER records, ids unique in the store
DB="$T/events.sqlite"
run ingest "$T/news.jsonl" --db "$DB" -q
expect_rc 0 "ingest"
run export --db "$DB" -q
expect_rc 0 "export"
m=$(wc -l <"$T/out")
run export --db "$DB" --ontology plover
expect_rc 0 "export --ontology plover"
[ "$m" -gt 0 ] || fail "export: no events"
[ "$(wc -l <"$T/out")" -eq "$m" ] || fail "export plover: $(wc -l <"$T/out") lines, want $m"
[ "$(grep -cE "$keys" "$T/out")" -eq "$m" ] || { grep -vE "$keys" "$T/out" >&2; fail "export: wrong keys or order"; }
grep -q '"event":"SUPPORT".*"cameo_code":"057"' "$T/out" || fail "export: no SUPPORT"
grep -q '"source":\[{"actorText":"Russia","code":"RUS"}\]' "$T/out" || fail "export: actor text is not the dictionary name"
grep -q '"offsets":{"sentence":\[0,[0-9]*\],"source":null,"target":null,"verb":null}' "$T/out" ||
    fail "export: offsets"
[ "$(sed 's/^{"id":"\([0-9]*\)".*/\1/' "$T/out" | sort | uniq -d | wc -l)" -eq 0 ] || fail "export: ids repeat"
if [ "$HAVE_PY" = 1 ]; then
    python3 -c 'import json,sys
for l in open(sys.argv[1]): json.loads(l)' "$T/out" || fail "export: invalid JSON"
fi
run export --db "$DB" --ontology plover --cameo 057 -q
expect_rc 0 "export --cameo 057 --ontology plover"
[ "$(grep -c '"event":"SUPPORT"' "$T/out")" -eq "$(wc -l <"$T/out")" ] || fail "export --cameo 057: not all SUPPORT"
run export --db "$DB" --ontology plover -f gdelt
expect_rc 2 "export -f gdelt --ontology plover"
grep -q "^entente: --ontology plover writes JSON Lines only" "$T/err" || fail "export gdelt message: $(cat "$T/err")"
echo "plover: ok"
exit 0
