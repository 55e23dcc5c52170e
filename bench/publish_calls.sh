#!/usr/bin/env bash
# API calls and wall time that --publish adds, per run of a pull request with N findings, against
# the local GitHub API of the tests (tests/tools/fake_platform_api.py, lists two to a page as in
# the tests: more pages than GitHub's 100 per page would give), side by side with the same scan
# without publishing. Usage: bench/publish_calls.sh build/lamina [N...]   (default: 0 10 500)
set -euo pipefail
lamina=$(realpath "$1"); shift
src=$(cd "$(dirname "$0")/.." && pwd)
counts=("${@:-0 10 500}")
fail() { echo "FAIL: $*" >&2; exit 1; }
token=ghs_benchToken0123456789
# shellcheck source=tests/tools/publish_test_lib.sh
source "$src/tests/tools/publish_test_lib.sh"
g checkout -q -B feature "$base"
run_scan() {  # run_scan OUT ARGS...
  local out=$1; shift
  (cd "$repo" && env -i PATH="$PATH" HOME="$work" CI=true GITHUB_ACTIONS=true \
    GITHUB_EVENT_NAME=pull_request GITHUB_EVENT_PATH="$work/event.json" GITHUB_SHA="$merge" \
    GITHUB_REF=refs/pull/7/merge GITHUB_REPOSITORY=octo/demo GITHUB_WORKSPACE="$repo" \
    GITHUB_API_URL="http://127.0.0.1:$port" GITHUB_TOKEN="$token" \
    "$lamina" scan --out "$work/$out" "$@" >/dev/null 2>&1) || true
}
now() { date +%s%N; }
printf '%-10s %-12s %-16s %-16s %s\n' findings "API calls" "scan (ms)" "scan+publish" "added (ms)"
for n in ${counts[*]}; do
  rm -f "$work/api/state.json" "$work/api/requests.jsonl"
  start_server
  g checkout -q -B feature "$base"
  { echo fine; for i in $(seq "$n"); do echo "BAD $i"; done; } >"$repo/a.txt"
  g commit -qam "$n findings" --allow-empty
  head=$(g rev-parse HEAD)
  g checkout -q --detach "$base"
  g merge -q --no-ff -m merge "$head"
  merge=$(g rev-parse HEAD)
  printf '{"number":7,"pull_request":{"number":7,"base":{"ref":"main","sha":"%s"},"head":{"ref":"feature","sha":"%s"}},"repository":{"full_name":"octo/demo"}}' \
    "$base" "$head" >"$work/event.json"
  run_scan warm
  t0=$(now); run_scan plain; t1=$(now)
  run_scan first --publish check,review,comment
  first=$(wc -l <"$work/api/requests.jsonl")
  t2=$(now); run_scan again --publish check,review,comment; t3=$(now)
  again=$(($(wc -l <"$work/api/requests.jsonl") - first))
  printf '%-10s %-12s %-16s %-16s %s\n' "$n" "$first / $again" "$(((t1 - t0) / 1000000))" \
    "$(((t3 - t2) / 1000000))" "$(((t3 - t2 - t1 + t0) / 1000000))"
done
echo "API calls: first run / an unchanged re-run (check, review, comment; at most 50 findings get a review comment)."
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
