#!/bin/sh
# entente quick start on Debian/Ubuntu: installs the build dependencies (apt-get, with sudo
# when not root), builds into build/, then runs one job:
#   ./setup.sh          code the built-in demo corpus, store it in build/demo.sqlite and
#                       print the Iran-Russia report (build/report.html has the charts)
#   ./setup.sh check    run every test (CTest: unit, golden, CLI)
#   ./setup.sh build    only install and build
set -eu
cd "$(dirname "$0")"

job=${1:-demo}
case $job in
demo | check | build) ;;
*)
    echo "usage: ./setup.sh [demo|check|build]" >&2
    exit 2
    ;;
esac

packages="build-essential cmake pkg-config libutf8proc-dev zlib1g-dev libzstd-dev libjansson-dev \
    libsqlite3-dev libpq-dev libgumbo-dev libxml2-dev libopenmpi-dev openmpi-bin libcmocka-dev \
    wordnet-base"
missing=""
for p in $packages; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
    echo "setup: installing$missing" >&2
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing >/dev/null
fi

jobs=$(nproc 2>/dev/null || echo 2)
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo ${ENT_CMAKE_FLAGS:-} >/dev/null
cmake --build build -j "$jobs"

case $job in
demo)
    # Code the built-in corpus and summarise it, store it, then the report it exists for:
    # Markdown on the terminal, HTML with the charts beside it.
    build/entente demo
    rm -f build/demo.sqlite build/demo.sqlite-wal build/demo.sqlite-shm
    build/entente ingest -q data/demo/iran-russia.jsonl --db build/demo.sqlite
    build/entente report IRN RUS --db build/demo.sqlite -o build/report.md
    build/entente report IRN RUS --db build/demo.sqlite -o build/report.html -q
    cat build/report.md
    echo
    echo "setup: the report with its charts: build/report.html (Markdown: build/report.md; store: build/demo.sqlite)"
    ;;
check) exec ctest --test-dir build --output-on-failure -j "$jobs" ;;
esac
