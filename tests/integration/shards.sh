#!/usr/bin/env bash
# Issue 21: `lamina scan --shard I/N` + `lamina merge` on a real repository with the real scanners
# installed here give the findings, gate and exit code of one unsharded scan of the same change;
# a shard missing, given twice or made from another plan is a scanner failure (exit 3), never a
# smaller pass; a bad --shard or CI_NODE_INDEX/CI_NODE_TOTAL is exit 2 with the fix.
set -euo pipefail
lamina=$(realpath "$1")
source_dir=$(realpath "$2")
compare=$source_dir/tests/tools/compare_sarif_findings.py
fail() { echo "FAIL: $*" >&2; exit 1; }
for tool in git python3 shellcheck codespell; do
  command -v "$tool" >/dev/null || { echo "SKIP: $tool is not installed" >&2; exit 77; }
done
path=$PATH
[[ -d $source_dir/node_modules/.bin ]] && path=$source_dir/node_modules/.bin:$PATH

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
repo=$root/repo
mkdir -p "$repo"
git -C "$repo" init -q -b main
commit() { git -C "$repo" add -A && git -C "$repo" -c user.name=t -c user.email=t@example.com commit -q -m "$1"; }
printf '#!/bin/sh\necho base\n' >"$repo/base.sh"
commit base
base=$(git -C "$repo" rev-parse HEAD)
# The change: shell scripts (shellcheck), text with typos (codespell), and what the other
# installed scanners read (Python, C, YAML), so the plan has invocations of several scanners.
for i in 1 2 3 4 5; do printf '#!/bin/sh\nrm -rf $1/*\necho "$%s"\n' "$i" >"$repo/script$i.sh"; done
printf 'This is teh README; it will recieve findings.\n' >"$repo/README.md"
printf 'import os\nos.system("ls " + input())\n' >"$repo/tool.py"
printf '#include <string.h>\nvoid f(char *s) { char b[4]; strcpy(b, s); }\n' >"$repo/copy.c"
printf 'list: [a,\n  b\n' >"$repo/conf.yml"
commit change
head=$(git -C "$repo" rev-parse HEAD)

lam() { (cd "$repo" && env -i PATH="$path" HOME="$root" "$@" "$lamina" "${args[@]}"); }
run() {  # run NAME ARGS...: exit code in $root/NAME.rc, output in $root/NAME.log
  local name=$1; shift
  args=("$@")
  local rc=0
  lam >"$root/$name.log" 2>&1 || rc=$?
  echo "$rc" >"$root/$name.rc"
}
range=(--base "$base" --head "$head")
range_gate=("${range[@]}" --fail-on sev2)

run full scan "${range_gate[@]}" --out "$root/full"
[[ -f $root/full/lamina.sarif ]] || fail "the unsharded scan wrote no SARIF: $(cat "$root/full.log")"
[[ ! -f $root/full/lamina-shard.json ]] || fail "an unsharded scan wrote lamina-shard.json"
# The shards split by the unsharded run's durations (--timings), as a CI job would by its last run.
for i in 1 2 3; do
  run "s$i" scan "${range_gate[@]}" --out "$root/s$i" --shard "$i/3" --timings "$root/full/lamina.sarif"
  [[ -f $root/s$i/lamina-shard.json ]] || fail "shard $i/3 wrote no lamina-shard.json: $(cat "$root/s$i.log")"
done
python3 - "$root" <<'PY' || fail "the shards do not split the plan"
import json, sys
shards = [json.load(open(f"{sys.argv[1]}/s{i}/lamina-shard.json")) for i in (1, 2, 3)]
plan = shards[0]["invocations"]
ran = sorted(id for s in shards for id in s["ran"])
assert len(plan) >= 5, plan
assert ran == sorted(plan), (ran, plan)  # each invocation in exactly one shard
assert all(s["ran"] for s in shards), [s["ran"] for s in shards]  # each shard got a share
assert len({s["plan_fingerprint"] for s in shards}) == 1
print("ok: 3 shards split", len(plan), "invocations:", [s["ran"] for s in shards])
PY
run merged merge "${range_gate[@]}" --out "$root/merged" "$root/s1" "$root/s2" "$root/s3"
python3 "$compare" "$root/full/lamina.sarif" "$root/merged/lamina.sarif" ||
  fail "sharded and unsharded findings differ"
[[ $(cat "$root/full.rc") == "$(cat "$root/merged.rc")" ]] ||
  fail "exit code: unsharded $(cat "$root/full.rc"), merged $(cat "$root/merged.rc")"
verdict() { grep -E '^(verdict|findings|exit code)' "$root/$1.log"; }
[[ "$(verdict full)" == "$(verdict merged)" ]] ||
  fail "gate differs: $(verdict full) vs $(verdict merged)"
grep -q 'shellcheck' "$root/merged/lamina.sarif" || fail "the merged SARIF has no shellcheck finding"
echo "ok: unsharded and 3 shards merged: same findings, $(verdict merged | head -1), exit $(cat "$root/merged.rc")"
# The GitLab reports come from the same findings.
for report in gl-code-quality-report.json gl-sast-report.json; do
  n_full=$(python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(len(d if isinstance(d, list) else d['vulnerabilities']))" "$root/full/$report")
  n_merged=$(python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(len(d if isinstance(d, list) else d['vulnerabilities']))" "$root/merged/$report")
  [[ $n_full == "$n_merged" ]] || fail "$report: $n_full entries unsharded, $n_merged merged"
done
echo "ok: the GitLab reports of the merge have the unsharded scan's entries"

# A missing shard is a scanner failure, whatever the other shards found (--fail-on never: with a
# gating finding the exit code is the gate's, 1, as for any failed scanner).
run missing merge "${range[@]}" --fail-on never --out "$root/missing" "$root/s1" "$root/s3"
[[ $(cat "$root/missing.rc") == 3 ]] || fail "merge without shard 2: exit $(cat "$root/missing.rc"), not 3: $(cat "$root/missing.log")"
grep -q 'missing shard 2/3 of 3' "$root/missing.log" || fail "no 'missing shard 2/3': $(cat "$root/missing.log")"
grep -q '"lamina/state":"failed"' "$root/missing/lamina.sarif" && grep -q 'lamina-shards' "$root/missing/lamina.sarif" ||
  fail "the SARIF of a merge without shard 2 has no failed lamina-shards run"
echo "ok: a missing shard fails the merge as a scanner failure (exit 3), even with --fail-on never"
# A folder whose job died before writing its reports is missing too.
mkdir -p "$root/empty"
run died merge "${range[@]}" --fail-on never --out "$root/died" "$root/s1" "$root/empty" "$root/s3"
[[ $(cat "$root/died.rc") == 3 ]] && grep -q 'lamina-shard.json.*cannot read it' "$root/died.log" ||
  fail "a shard folder without lamina-shard.json: exit $(cat "$root/died.rc"): $(cat "$root/died.log")"
run twice merge "${range[@]}" --fail-on never --out "$root/twice" "$root/s1" "$root/s1" "$root/s2" "$root/s3"
[[ $(cat "$root/twice.rc") == 3 ]] && grep -q 'is given twice' "$root/twice.log" ||
  fail "a shard given twice: exit $(cat "$root/twice.rc"): $(cat "$root/twice.log")"
# A shard of another plan (one scanner fewer) does not stand in for shard 2.
run other scan "${range[@]}" --out "$root/other" --shard 2/3 --skip codespell
run mixed merge "${range[@]}" --fail-on never --out "$root/mixed" "$root/s1" "$root/other" "$root/s3"
[[ $(cat "$root/mixed.rc") == 3 ]] && grep -q 'ran plan' "$root/mixed.log" ||
  fail "a shard of another plan: exit $(cat "$root/mixed.rc"): $(cat "$root/mixed.log")"
echo "ok: a shard folder without its file, a shard twice, a shard of another plan: exit 3"

# GitLab's parallel: job variables choose the same shard as --shard.
args=(scan "${range_gate[@]}" --out "$root/gl" --timings "$root/full/lamina.sarif")
(cd "$repo" && env -i PATH="$path" HOME="$root" CI_NODE_INDEX=2 CI_NODE_TOTAL=3 "$lamina" "${args[@]}" >/dev/null 2>&1) || true
python3 -c "import json,sys; a,b=(json.load(open(p))['ran'] for p in sys.argv[1:]); assert a==b,(a,b)" \
  "$root/gl/lamina-shard.json" "$root/s2/lamina-shard.json" || fail "CI_NODE_INDEX=2 CI_NODE_TOTAL=3 ran another share than --shard 2/3"
echo "ok: CI_NODE_INDEX=2 CI_NODE_TOTAL=3 runs the share of --shard 2/3"
# GitLab sets CI_NODE_TOTAL=1 in every job that is not parallel: that is no shard.
rm -rf "$root/gl"
(cd "$repo" && env -i PATH="$path" HOME="$root" CI_NODE_TOTAL=1 "$lamina" "${args[@]}" >/dev/null 2>&1) || true
[[ -f $root/gl/lamina.sarif && ! -f $root/gl/lamina-shard.json ]] ||
  fail "CI_NODE_TOTAL=1 alone (every GitLab job) made a shard or no report"

# Bad values: exit 2, naming where the value came from and the fix.
for bad in 0/3 4/3 3 x/y; do
  run bad scan "${range[@]}" --out "$root/bad" --shard "$bad"
  [[ $(cat "$root/bad.rc") == 2 ]] && grep -q "\-\-shard \"$bad\": .*e.g. --shard 2/4" "$root/bad.log" ||
    fail "--shard $bad: exit $(cat "$root/bad.rc"): $(cat "$root/bad.log")"
done
args=(scan "${range[@]}" --out "$root/bad")
rc=0
(cd "$repo" && env -i PATH="$path" HOME="$root" CI_NODE_INDEX=4 CI_NODE_TOTAL=3 "$lamina" "${args[@]}" >"$root/bad.log" 2>&1) || rc=$?
[[ $rc == 2 ]] && grep -q 'CI_NODE_INDEX="4", CI_NODE_TOTAL="3": I is 1-based' "$root/bad.log" ||
  fail "CI_NODE_INDEX=4 of 3: exit $rc: $(cat "$root/bad.log")"
echo "ok: a bad --shard or CI_NODE_INDEX/CI_NODE_TOTAL is exit 2 with the fix"

# On GitHub (a manually started run: every tracked file), the merge job prints the annotations and
# writes the job summary and step outputs one scan would.
gh() {  # gh NAME ARGS...: a lamina run as a GitHub Actions step, stdout in $root/NAME.out
  local name=$1; shift
  mkdir -p "$root/$name-runner"
  local rc=0
  (cd "$repo" && env -i PATH="$path" HOME="$root" GITHUB_ACTIONS=true GITHUB_EVENT_NAME=workflow_dispatch \
    GITHUB_WORKSPACE="$repo" GITHUB_SHA="$head" GITHUB_REPOSITORY=octo/shards \
    GITHUB_STEP_SUMMARY="$root/$name-runner/summary.md" GITHUB_OUTPUT="$root/$name-runner/output" \
    "$lamina" "$@" >"$root/$name.out" 2>"$root/$name.err") || rc=$?
  echo "$rc" >"$root/$name.rc"
}
gh ghfull scan --fail-on sev2 --out "$root/ghfull"
for i in 1 2 3; do gh "gh$i" scan --fail-on never --publish none --out "$root/gh$i" --shard "$i/3"; done
gh ghmerged merge --fail-on sev2 --out "$root/ghmerged" "$root/gh1" "$root/gh2" "$root/gh3"
annotations() { grep -E '^::(error|warning|notice)' "$root/$1.out" | sort; }
[[ -n $(annotations ghfull) ]] || fail "the unsharded GitHub run printed no annotation: $(head -20 "$root/ghfull.out")"
for i in 1 2 3; do
  [[ -z $(annotations "gh$i") ]] || fail "shard $i/3 with --publish none printed annotations"
done
[[ "$(annotations ghfull)" == "$(annotations ghmerged)" ]] ||
  fail "annotations differ: $(diff <(annotations ghfull) <(annotations ghmerged))"
[[ $(cat "$root/ghfull.rc") == "$(cat "$root/ghmerged.rc")" ]] || fail "GitHub exit codes differ"
# Each heredoc delimiter is random, and the SARIF paths differ by folder.
for name in ghfull ghmerged; do
  sed -e 's/ghadelimiter_[0-9a-f]*/EOF/g' -e "s|$root/$name/|OUT/|g" "$root/$name-runner/output" >"$root/$name.outputs"
done
cmp -s "$root/ghfull.outputs" "$root/ghmerged.outputs" ||
  fail "step outputs differ: $(diff "$root/ghfull.outputs" "$root/ghmerged.outputs")"
grep -q 'lamina-shards' "$root/ghmerged-runner/summary.md" && fail "the job summary names a shard problem"
grep -q 'shellcheck' "$root/ghmerged-runner/summary.md" || fail "the merge wrote no job summary with the scanners"
echo "ok: on GitHub the merge prints the annotations and step outputs of one scan ($(annotations ghmerged | wc -l) annotations, exit $(cat "$root/ghmerged.rc"))"
