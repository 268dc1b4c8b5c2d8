#!/bin/sh
# tests/cli — `entente ingest` into a SQLite store: folders and mixed inputs, exact and near
# duplicates stored once and counted, re-ingesting adds nothing, the same store whatever the
# number of threads, kill -9 in the middle and a second run, bad inputs, and --mpi under
# mpirun when Open MPI is there.
# Run by CTest as: sh ingest.sh ENTENTE SOURCE_DIR
E=${1:?usage: sh ingest.sh ENTENTE_BINARY SOURCE_DIR}
S=${2:?usage: sh ingest.sh ENTENTE_BINARY SOURCE_DIR}
T=$(mktemp -d) || exit 1
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
run() { "$E" "$@" >"$T/out" 2>"$T/err"; rc=$?; }
expect_rc() { [ "$rc" -eq "$1" ] || { cat "$T/err" >&2; fail "$2: exit $rc, want $1"; }; }
# The summary's counts: records, new stories, duplicates, already stored.
expect_counts() {
    grep -qE "^entente: $1 records: $2 new stories, $3 duplicates of stored stories, $4 already stored," "$T/err" ||
        { cat "$T/err" >&2; fail "$5: want $1 records, $2 new, $3 duplicates, $4 known"; }
}
holds() { grep "now holds" "$T/err" | sed 's/^entente: [^ ]* now holds //'; }
# Every event of a store, in a stable order, for comparing two stores.
dump() { "$E" export --db "$1" -f csv -q | sort; }

# ---- a folder of news: JSON Lines, plain text, gzip; one exact and one near duplicate ----
mkdir -p "$T/news/wire" "$T/news/.hidden"
cat >"$T/news/a.jsonl" <<'JSON'
{"id":"a1","date":"2025-01-17","url":"https://one.example/a1","title":"Pact signed","text":"Russia and Iran signed a comprehensive strategic partnership treaty in Moscow on Friday. The Iranian president praised the agreement."}
{"id":"a2","date":"2025-01-18","url":"https://two.example/a2","title":"Pact signed","text":"Russia and Iran signed a comprehensive strategic partnership treaty in Moscow on Friday. The Iranian president praised the agreement."}
{"id":"a3","date":"2025-02-03","url":"https://one.example/a3","text":"Israel accused Iran of supplying drones to Russia for use in Ukraine, and the United States imposed new sanctions on Iranian companies on Monday."}
JSON
# A long story and its reprint by another outlet with its own headline and sign-off.
story="The defence ministers of Iran and Russia met in Tehran on Tuesday to discuss closer military cooperation, officials said. The talks covered air defence, training of officers and joint naval exercises in the Caspian Sea. Both sides described the meeting as constructive, but diplomats said there was no agreement on the delivery of fighter jets that Iran has sought for years. A further round of talks is planned for next month in Moscow, where a working group will present proposals on arms purchases."
printf '{"id":"w1","date":"2025-03-04","url":"https://wire.example/w1","text":"%s"}\n' "$story" >"$T/news/wire/w1.jsonl"
printf '{"id":"w2","date":"2025-03-04","url":"https://paper.example/w2","text":"IRAN AND RUSSIA HOLD DEFENCE TALKS. TEHRAN (Wire) - %s (Reporting by the wire desk)"}\n' "$story" | gzip >"$T/news/wire/w2.jsonl.gz"
printf 'Iran and Russia held talks on nuclear energy cooperation in Tehran on Wednesday.\n' >"$T/news/note.txt"
echo '{"id":"hidden","text":"Russia attacked Ukraine."}' >"$T/news/.hidden/h.jsonl"

run ingest --db "$T/one.sqlite" "$T/news"
expect_rc 0 "ingest a folder"
expect_counts 6 4 2 0 "ingest a folder"
holds >"$T/holds1"
grep -q "^4 documents, 6 articles, [1-9][0-9]* events$" "$T/holds1" || fail "store counts: $(cat "$T/holds1")"

# again: nothing new
run ingest --db "$T/one.sqlite" "$T/news"
expect_rc 0 "ingest again"
expect_counts 6 0 0 6 "ingest again"
holds | cmp -s - "$T/holds1" || fail "ingest again changed the store"

# the same store with one thread or two, and with ENTENTE_DB
ENTENTE_DB="$T/two.sqlite" "$E" ingest -q -j 2 "$T/news" 2>"$T/err" || fail "ingest -j 2"
run ingest -j 1 --db "$T/three.sqlite" "$T/news"
expect_rc 0 "ingest -j 1"
dump "$T/one.sqlite" >"$T/d1"
dump "$T/two.sqlite" >"$T/d2"
dump "$T/three.sqlite" >"$T/d3"
[ -s "$T/d1" ] || fail "export of the store is empty"
cmp -s "$T/d1" "$T/d2" && cmp -s "$T/d1" "$T/d3" || fail "stores differ with the number of threads"

# --no-dedup keeps the near duplicate apart (the exact one is still stored once)
run ingest --no-dedup --db "$T/nodedup.sqlite" "$T/news"
expect_counts 6 5 1 0 "ingest --no-dedup"

# ---- bad inputs: reported with file and line, the rest stored, exit 1 or 3 ----
printf '{"id":"b1","date":"2025-01-17","text":"Iran and Russia signed a trade agreement."}\n{"id": broken\n' >"$T/bad.jsonl"
printf '\037\213\010\000\000\000\000\000' >"$T/truncated.jsonl.gz"
run ingest --db "$T/bad.sqlite" "$T/bad.jsonl" "$T/truncated.jsonl.gz"
expect_rc 1 "ingest bad records"
grep -q "^entente: .*bad.jsonl:2: " "$T/err" || fail "no FILE:LINE for the malformed record: $(cat "$T/err")"
grep -q "^entente: .*truncated.jsonl.gz" "$T/err" || fail "truncated gzip not reported"
expect_counts 1 1 0 0 "ingest bad records"
run ingest --db "$T/bad.sqlite" "$T/missing.jsonl" "$T/bad.jsonl"
expect_rc 3 "ingest a missing file"
grep -q "missing.jsonl" "$T/err" || fail "missing file not named"
run ingest --db "$T/no/such/dir/x.sqlite" "$T/bad.jsonl"
expect_rc 4 "ingest into an impossible store"
grep -q "^entente: .*x.sqlite" "$T/err" || fail "store error does not name the store"
echo "not a database, but long enough to look like a file header......" >"$T/junk.sqlite"
run ingest --db "$T/junk.sqlite" "$T/bad.jsonl"
expect_rc 4 "ingest into a file that is not a database"
run ingest --jobs many "$T/bad.jsonl"
expect_rc 2 "--jobs many"

# ---- kill -9 in the middle of an ingest, then run it again ----
big="$S/../shared/data/reuters21578/reuters21578.jsonl.gz"
if [ ! -r "$big" ]; then
    [ "${CI:-}" = true ] && fail "kill test: $big is missing (CI=true)"
    echo "SKIP kill test: $big not found (../shared is missing)"
else
    "$E" ingest -q -j 1 --db "$T/clean.sqlite" "$big" 2>/dev/null
    "$E" ingest -q -j 1 --db "$T/killed.sqlite" "$big" 2>/dev/null &
    pid=$!
    # Kill it once some batches are committed (the WAL or the database has grown).
    i=0
    while [ $i -lt 200 ] && kill -0 $pid 2>/dev/null; do
        size=$(cat "$T/killed.sqlite" "$T/killed.sqlite-wal" 2>/dev/null | wc -c)
        [ "$size" -gt 2000000 ] && break
        sleep 0.05
        i=$((i + 1))
    done
    if kill -9 $pid 2>/dev/null; then
        echo "killed the ingest after about $((i * 50)) ms"
    else
        echo "note: the ingest ended before it could be killed; checking the rerun only"
    fi
    wait $pid 2>/dev/null
    run ingest -j 2 --db "$T/killed.sqlite" "$big"
    [ "$rc" -le 1 ] || { cat "$T/err" >&2; fail "rerun after kill -9: exit $rc"; }
    holds >"$T/holds_killed"
    "$E" ingest --db "$T/clean.sqlite" "$big" 2>&1 | grep "now holds" | sed 's/^entente: [^ ]* now holds //' >"$T/holds_clean"
    cmp -s "$T/holds_clean" "$T/holds_killed" ||
        fail "after kill -9 and a rerun: $(cat "$T/holds_killed"), clean: $(cat "$T/holds_clean")"
    dump "$T/clean.sqlite" >"$T/dc"
    dump "$T/killed.sqlite" >"$T/dk"
    cmp -s "$T/dc" "$T/dk" || fail "after kill -9 and a rerun the events differ from a clean ingest"
fi

# ---- --mpi: two ranks store exactly what one process stores ----
if command -v mpirun >/dev/null 2>&1; then
    root=""
    [ "$(id -u)" -eq 0 ] && root="--allow-run-as-root"
    # Open MPI's own allocations are not ours to check for leaks.
    ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0" \
        mpirun $root --oversubscribe -n 2 "$E" ingest --mpi -j 1 --db "$T/mpi.sqlite" "$T/news" \
        >"$T/out" 2>"$T/err" || { cat "$T/err" >&2; fail "mpirun -n 2 entente ingest --mpi"; }
    expect_counts 6 4 2 0 "ingest --mpi"
    dump "$T/mpi.sqlite" >"$T/dm"
    cmp -s "$T/d1" "$T/dm" || fail "--mpi stored other events than one process"
    holds | cmp -s - "$T/holds1" || fail "--mpi: store counts differ"
else
    [ "${CI:-}" = true ] && fail "mpirun not found (CI=true)"
    echo "SKIP --mpi: mpirun not found"
fi
# ---- PostgreSQL: the same ingest gives the same events (ENT_TEST_PG: a libpq conninfo) ----
if [ -n "${ENT_TEST_PG:-}" ] && command -v psql >/dev/null 2>&1; then
    schema="entente_ingest_$$"
    psql "$ENT_TEST_PG" -q -c "CREATE SCHEMA $schema" >/dev/null || fail "cannot create $schema"
    pg="$ENT_TEST_PG options='-csearch_path=$schema'"
    run ingest --db "$pg" "$T/news"
    status=$rc
    dump "$pg" >"$T/dp"
    run ingest --db "$pg" "$T/news"
    again=$(grep -c "6 already stored" "$T/err")
    psql "$ENT_TEST_PG" -q -c "SET client_min_messages = warning; DROP SCHEMA $schema CASCADE" >/dev/null
    [ "$status" -eq 0 ] || fail "ingest into PostgreSQL: exit $status"
    cmp -s "$T/d1" "$T/dp" || fail "PostgreSQL store holds other events than SQLite"
    [ "$again" -eq 1 ] || fail "ingest into PostgreSQL again added something"
else
    [ "${CI:-}" = true ] && fail "ENT_TEST_PG is not set (CI=true)"
    echo "SKIP PostgreSQL: ENT_TEST_PG not set"
fi
exit 0
