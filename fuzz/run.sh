#!/bin/sh
# Builds the libFuzzer harnesses with clang and runs each for SECONDS (default 30) from a
# seed corpus of the project's own test data. Used by CI for short runs; run longer by hand:
#   sh fuzz/run.sh 3600
set -eu
cd "$(dirname "$0")/.."
seconds=${1:-30}
CC=clang cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=Debug -DENT_FUZZ=ON -DBUILD_TESTING=OFF >/dev/null
cmake --build build-fuzz -j 2 --target fuzz_coder fuzz_dict >/dev/null
mkdir -p build-fuzz/corpus-coder build-fuzz/corpus-dict
cp tests/data/golden.txt data/demo/*.jsonl build-fuzz/corpus-coder/ 2>/dev/null || true
cp data/dict/agents.ent build-fuzz/corpus-dict/
for target in coder dict; do
    echo "fuzz: $target for $seconds s"
    build-fuzz/fuzz_$target -max_total_time="$seconds" -max_len=65536 -timeout=10 \
        -print_final_stats=1 build-fuzz/corpus-$target 2>&1 | tail -n 3
done
