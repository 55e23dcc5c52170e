#!/usr/bin/env bash
# API calls of --publish tickets on a scheduled continuous scan with N findings, against the local
# GitHub API of the tests (tests/tools/fake_platform_api.py, lists two to a page: more pages than
# GitHub's 100 per page), for the first run and an unchanged re-run, with tickets.max_new at
# MAX_NEW. Usage: bench/tickets_calls.sh build/lamina [N] [MAX_NEW]   (default: 100 100)
set -euo pipefail
lamina=$(realpath "$1")
n=${2:-100}
max_new=${3:-100}
src=$(cd "$(dirname "$0")/.." && pwd)
fail() { echo "FAIL: $*" >&2; exit 1; }
token=ghs_benchToken0123456789
# shellcheck source=tests/tools/publish_test_lib.sh
source "$src/tests/tools/publish_test_lib.sh"
printf 'tickets:\n  max_new: %s\n' "$max_new" >>"$repo/.lamina.yml"
g checkout -q -B main "$base"
{ for i in $(seq "$n"); do echo "BAD $i"; done; } >"$repo/a.txt"
g add -A && g commit -qm "$n findings"
head=$(g rev-parse HEAD)
start_server
run() {
  (cd "$repo" && env -i PATH="$PATH" HOME="$work" CI=true GITHUB_ACTIONS=true GITHUB_EVENT_NAME=schedule \
    GITHUB_SHA="$head" GITHUB_REF=refs/heads/main GITHUB_REPOSITORY=octo/demo GITHUB_WORKSPACE="$repo" \
    GITHUB_API_URL="http://127.0.0.1:$port" GITHUB_TOKEN="$token" \
    "$lamina" scan --layer continuous --all --publish tickets --out "$work/$1" 2>&1 | grep 'publish tickets') || true
}
t0=$(date +%s%N); run first; t1=$(date +%s%N)
first=$(wc -l <"$work/api/requests.jsonl")
run again; t2=$(date +%s%N)
echo "findings $n, max_new $max_new: first run $first requests ($(((t1 - t0) / 1000000)) ms), unchanged re-run $(($(wc -l <"$work/api/requests.jsonl") - first)) requests ($(((t2 - t1) / 1000000)) ms); load $(cut -d' ' -f1-3 /proc/loadavg)"
