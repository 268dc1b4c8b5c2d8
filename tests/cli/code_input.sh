#!/bin/sh
# tests/cli — `entente code` on every kind of input: JSON Lines with a bad line, plain text,
# stdin, gzip, truncated gzip, a binary file, empty input, missing files. Checks exit codes,
# "entente: FILE:LINE: msg" diagnostics and the summary line; events only by structure.
# Run by CTest as: sh code_input.sh ENTENTE SOURCE_DIR
E=${1:?usage: sh code_input.sh ENTENTE_BINARY SOURCE_DIR}
T=$(mktemp -d) || exit 1
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
run() { "$E" "$@" >"$T/out" 2>"$T/err"; rc=$?; }
expect_rc() { [ "$rc" -eq "$1" ] || { cat "$T/err" >&2; fail "$2: exit $rc, want $1"; }; }
# Every stdout line is one JSON object of an event from one of the given document ids.
events_from() {
    while IFS= read -r line; do
        case "$line" in
        '{"doc_id":"'*'}') ;;
        *) fail "not an event line: $line" ;;
        esac
        id=${line#\{\"doc_id\":\"}
        id=${id%%\"*}
        case " $* " in
        *" $id "*) ;;
        *) fail "event from unexpected document '$id'" ;;
        esac
    done <"$T/out"
}
summary() { grep -E "^entente: $1 documents?, [0-9]+ sentences, [0-9]+ events, [0-9]+ discarded, $2 skipped, [0-9]+ undated, [0-9.]+ s$" "$T/err" >/dev/null || { cat "$T/err" >&2; fail "summary: want $1 documents, $2 skipped"; }; }

cat >"$T/news.jsonl" <<'JSON'
{"id":"n1","date":"2025-01-17","url":"https://example.org/n1","title":"Russia and Iran sign trade pact","text":"Russia and Iran signed a trade agreement in Moscow on Friday. The Iranian president praised the deal."}
{"id":"n2","date":"2025-01-18","text":"Iran's foreign minister met his Russian counterpart in Tehran.
{"id":"n3","date":"2025-01-20","text":"Russia condemned new sanctions against Iran. China urged both sides to show restraint."}
JSON

# a bad line in the middle: reported with its line, skipped; the others are coded; exit 1
run code "$T/news.jsonl"
expect_rc 1 "JSONL with a bad line"
grep -q "^entente: $T/news.jsonl:2: malformed JSON" "$T/err" || { cat "$T/err" >&2; fail "no FILE:2 diagnostic"; }
summary 2 1
events_from n1 n3
cp "$T/out" "$T/file.out"

# standard input, without FILE and as "-": the same events
"$E" code <"$T/news.jsonl" >"$T/out" 2>"$T/err"; rc=$?
expect_rc 1 "stdin"
grep -q "^entente: stdin:2: malformed JSON" "$T/err" || fail "stdin diagnostic: $(cat "$T/err")"
cmp -s "$T/out" "$T/file.out" || fail "stdin and file give different events"
"$E" code -q - <"$T/news.jsonl" >"$T/out" 2>/dev/null
cmp -s "$T/out" "$T/file.out" || fail "'-' and file give different events"

# gzip: the same events
gzip -c "$T/news.jsonl" >"$T/news.jsonl.gz"
run code "$T/news.jsonl.gz"
expect_rc 1 "gzip"
grep -q "news.jsonl.gz:2: malformed JSON" "$T/err" || fail "gzip: no FILE:2 diagnostic"
cmp -s "$T/out" "$T/file.out" || fail "gzip and plain give different events"
gzip -c "$T/news.jsonl" | "$E" code -q >"$T/out" 2>/dev/null
cmp -s "$T/out" "$T/file.out" || fail "gzip on stdin gives different events"

# plain text: one document named after the file, dated by --date
cat >"$T/article.txt" <<'TXT'
Russia and Iran signed a trade agreement in Moscow on Friday.

The Iranian foreign minister said the agreement would help both countries.
TXT
run code --date 2025-01-17 "$T/article.txt"
expect_rc 0 "plain text"
summary 1 0
events_from "$T/article.txt"
if [ -s "$T/out" ]; then
    grep -q '"date":"2025-01-1[0-9]"' "$T/out" || fail "plain text: events not dated from --date"
fi

# plain text on standard input: the document is called "stdin"
"$E" code --date 2025-01-17 <"$T/article.txt" >"$T/out" 2>"$T/err"; rc=$?
expect_rc 0 "plain text on stdin"
summary 1 0
events_from stdin

# several inputs in one run, a missing one among them: exit 3, the others still coded
run code "$T/article.txt" "$T/missing.jsonl" "$T/news.jsonl"
expect_rc 3 "missing file"
grep -q "^entente: $T/missing.jsonl: No such file or directory$" "$T/err" || fail "missing file message: $(cat "$T/err")"
summary 3 1

# truncated gzip: reported, no crash, the complete records before the cut are coded
i=0
while [ $i -lt 400 ]; do
    echo "{\"id\":\"t$i\",\"date\":\"2024-03-01\",\"text\":\"Russia and Iran held talks on energy cooperation in round $i.\"}"
    i=$((i + 1))
done | gzip -c >"$T/full.jsonl.gz"
size=$(wc -c <"$T/full.jsonl.gz")
head -c $((size / 2)) "$T/full.jsonl.gz" >"$T/cut.jsonl.gz"
run code "$T/cut.jsonl.gz"
expect_rc 1 "truncated gzip"
grep -q "^entente: $T/cut.jsonl.gz:[0-9][0-9]*: truncated gzip stream" "$T/err" || fail "truncated gzip message: $(cat "$T/err")"
grep -q "documents, " "$T/err" || fail "truncated gzip: no summary"

# a binary file: skipped with an error, nothing coded
cp "$E" "$T/program.bin"
run code "$T/program.bin"
expect_rc 1 "binary file"
grep -q "^entente: $T/program.bin: binary file" "$T/err" || fail "binary message: $(cat "$T/err")"
[ -s "$T/out" ] && fail "binary file produced output"
summary 0 1

# empty input: no output, exit 0
: >"$T/empty.jsonl"
run code "$T/empty.jsonl"
expect_rc 0 "empty file"
[ -s "$T/out" ] && fail "empty file produced output"
summary 0 0
run code </dev/null
expect_rc 0 "empty stdin"
[ -s "$T/out" ] && fail "empty stdin produced output"
run code -q </dev/null
expect_rc 0 "empty stdin, quiet"
[ -s "$T/err" ] && fail "--quiet still printed: $(cat "$T/err")"

# records with problems: no text, bad date, NUL, invalid UTF-8 (kept, reported)
printf '%s\n' '{"id":"a","text":""}' '{"id":"b","date":"2025-13-45","text":"Iran protested."}' \
    '{"id":"c","body":"Russia welcomed the Iranian delegation."}' >"$T/odd.jsonl"
printf '{"id":"d","text":"Iran \377 said."}\n' >>"$T/odd.jsonl"
run code "$T/odd.jsonl"
expect_rc 1 "odd records"
grep -q "odd.jsonl:1: empty 'text' field; record skipped" "$T/err" || fail "empty text: $(cat "$T/err")"
grep -q "odd.jsonl:2: bad date" "$T/err" || fail "bad date: $(cat "$T/err")"
grep -q "odd.jsonl:4: invalid UTF-8" "$T/err" || fail "invalid UTF-8: $(cat "$T/err")"
summary 2 2
events_from c d

# output that cannot be written: exit 3
run code -o "$T/no/such/dir/out.jsonl" "$T/article.txt"
expect_rc 3 "unwritable output"
grep -q "^entente: cannot write $T/no/such/dir/out.jsonl: " "$T/err" || fail "unwritable output message"

# --output writes the same events as stdout
run code -q -o "$T/o.jsonl" "$T/news.jsonl"
expect_rc 1 "--output"
cmp -s "$T/o.jsonl" "$T/file.out" || fail "--output differs from stdout"
[ -s "$T/out" ] && fail "--output also wrote to stdout"

# a record with no date anywhere: coded, and a warning names it; exit 0
printf '{"id":"u1","text":"Israel attacked Iran."}\n' >"$T/undated.jsonl"
run code "$T/undated.jsonl"
expect_rc 0 "undated record"
grep -q "^entente: $T/undated.jsonl:1: no date" "$T/err" || { cat "$T/err" >&2; fail "no warning for an undated record"; }
grep -q '"date":null' "$T/out" || fail "undated events should carry a null date"
grep -qE "1 undated" "$T/err" || fail "summary should count the undated record"

# Several chunks of JSON Lines parsed by two workers: the diagnostics still come in line
# order, each naming its line in the whole file, and the events are those of -j 1.
awk 'BEGIN { for (i = 1; i <= 6000; i++)
    if (i % 500 == 0) print "{\"id\": broken " i
    else printf "{\"id\":\"r%d\",\"date\":\"2024-05-0%d\",\"text\":\"Russia and Iran signed a trade agreement in Moscow. Officials from both sides met again in Tehran on Friday.\"}\n", i, i % 9 + 1 }' >"$T/many.jsonl"
run code -j 2 "$T/many.jsonl"
expect_rc 1 "chunks with bad lines"
cp "$T/out" "$T/many-j2.out"
grep -c "malformed JSON" "$T/err" | grep -qx 12 || { cat "$T/err" >&2; fail "want 12 malformed lines"; }
grep "malformed JSON" "$T/err" | cut -d: -f3 | tr '\n' ' ' | grep -q "^500 1000 1500 2000 2500 3000 3500 4000 4500 5000 5500 6000 $" ||
    { cat "$T/err" >&2; fail "diagnostics out of order or with wrong lines"; }
run code -j 1 "$T/many.jsonl"
cmp -s "$T/out" "$T/many-j2.out" || fail "-j 1 and -j 2 code chunks differently"

exit 0
