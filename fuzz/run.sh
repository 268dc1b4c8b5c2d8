#!/bin/sh
# Builds every libFuzzer harness fuzz/fuzz_*.c with clang and runs each for SECONDS
# (default 30) from a seed corpus of the project's own test data. Used by CI for short runs;
# run longer by hand:
#   sh fuzz/run.sh 3600
# A harness fuzz/fuzz_NAME.c gets build-fuzz/corpus-NAME, seeded with the files listed for
# NAME below (none: it starts empty, and libFuzzer builds its own corpus).
set -eu
cd "$(dirname "$0")/.."
seconds=${1:-30}
CC=clang cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=Debug -DENT_FUZZ=ON -DBUILD_TESTING=OFF >/dev/null

# Seed files per harness (globs; missing ones are ignored). To seed a new harness, add a line.
seeds() {
    case "$1" in
    coder) echo "tests/data/golden.txt data/demo/*.jsonl" ;;
    dict) echo "data/dict/*.ent fuzz/seeds/*.ent" ;;
    html) echo "tests/data/*.html tests/data/*.htm" ;;
    csv) echo "tests/data/*.csv" ;;
    jsonl) echo "data/demo/*.jsonl fuzz/seeds/*.json" ;;
    *) echo "" ;;
    esac
}

targets=""
for src in fuzz/fuzz_*.c; do
    name=$(basename "$src" .c)
    targets="$targets ${name#fuzz_}"
done
for t in $targets; do
    cmake --build build-fuzz -j 2 --target "fuzz_$t" >/dev/null
done
for t in $targets; do
    corpus="build-fuzz/corpus-$t"
    mkdir -p "$corpus"
    for f in $(seeds "$t"); do
        [ -f "$f" ] && cp "$f" "$corpus/" || true
    done
    echo "fuzz: $t for $seconds s"
    "build-fuzz/fuzz_$t" -max_total_time="$seconds" -max_len=65536 -timeout=10 \
        -print_final_stats=1 "$corpus" 2>&1 | tail -n 3
done
