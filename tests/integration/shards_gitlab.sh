#!/usr/bin/env bash
# gitlab-templates/lamina-sharded.yml run for real with gitlab-ci-local (shell executor): three
# `parallel:` copies of lamina-shard (each reads CI_NODE_INDEX/CI_NODE_TOTAL as its --shard), then
# lamina-merge on their artifacts. The merged SARIF, verdict and exit code must be those of one
# unsharded continuous scan of the same repository.
set -euo pipefail
lamina=$(realpath "$1")
source_dir=$(realpath "$2")
compare=$source_dir/tests/tools/compare_sarif_findings.py
fail() { echo "FAIL: $*" >&2; exit 1; }
gcl=$source_dir/node_modules/.bin/gitlab-ci-local
[[ -x $gcl ]] || gcl=$(command -v gitlab-ci-local || true)
[[ -n $gcl && -x $gcl ]] || { echo "SKIP: gitlab-ci-local missing: run npm ci" >&2; exit 77; }
for tool in git python3 rsync shellcheck codespell; do
  command -v "$tool" >/dev/null || { echo "SKIP: $tool is not installed" >&2; exit 77; }
done
path=$(dirname "$lamina"):$(dirname "$gcl"):$PATH

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
repo=$root/repo
mkdir -p "$repo/templates"
cp "$source_dir/gitlab-templates/lamina-sharded.yml" "$repo/templates/"
cat >"$repo/.gitlab-ci.yml" <<'YML'
include:
  - local: /templates/lamina-sharded.yml
    inputs:
      fail_on: sev2
lamina-shard:
  parallel: 3
YML
for i in 1 2 3 4; do printf '#!/bin/sh\nrm -rf $1/*\n' >"$repo/script$i.sh"; done
printf 'This is teh README; it will recieve findings.\n' >"$repo/README.md"
printf 'import os\nos.system("ls " + input())\n' >"$repo/tool.py"
printf 'list: [a,\n  b\n' >"$repo/conf.yml"
git -C "$repo" init -q -b main
git -C "$repo" add -A
git -C "$repo" -c user.name=t -c user.email=t@example.com commit -q -m init

# One unsharded scan, as the template's jobs scan (continuous: every tracked file), outside the
# repository so the pipeline does not see its reports.
rc_full=0
head=$(git -C "$repo" rev-parse HEAD)
(cd "$repo" && env -i PATH="$path" HOME="$root" GITLAB_CI=true CI_PROJECT_DIR="$repo" CI_PIPELINE_SOURCE=schedule CI_COMMIT_SHA="$head" \
  "$lamina" scan --layer continuous --fail-on sev2 --filter all --out "$root/full" >"$root/full.log" 2>&1) || rc_full=$?

rc=0
(cd "$repo" && env -i PATH="$path" HOME="$root" "$gcl" --force-shell-executor --variable GITLAB_CI=true \
  --variable CI_PROJECT_DIR="$repo" --variable CI_PIPELINE_SOURCE=schedule >"$root/pipeline.log" 2>&1) || rc=$?
log=$repo/.gitlab-ci-local/output/lamina-merge.log
[[ -f $log ]] || fail "lamina-merge did not run: $(tail -30 "$root/pipeline.log")"
for i in 1 2 3; do
  grep -q "PASS  lamina-shard: \[$i/3\]" "$root/pipeline.log" || fail "shard job $i/3 did not pass: $(tail -30 "$root/pipeline.log")"
  grep -q "lamina-shard: \[$i/3\] > lamina: shard $i/3: [0-9]* of [0-9]* invocations of plan" "$root/pipeline.log" ||
    fail "shard job $i/3 did not run shard $i/3 of the plan (CI_NODE_INDEX/CI_NODE_TOTAL)"
done
echo "ok: gitlab-ci-local ran parallel: 3 as lamina-shard 1/3, 2/3, 3/3, each its own share"
[[ $rc == 1 && $rc_full == 1 ]] || fail "exit codes: pipeline $rc (merge job failing: 1), unsharded scan $rc_full"
grep -q 'FAIL  lamina-merge' "$root/pipeline.log" || fail "lamina-merge did not fail on the sev1 findings"
python3 "$compare" "$root/full/lamina.sarif" "$repo/lamina-out/lamina.sarif" ||
  fail "the pipeline's merged findings differ from one unsharded scan's"
grep -q 'exit code 1: the gate failed' "$log" && grep -q 'exit code 1: the gate failed' "$root/full.log" ||
  fail "verdicts differ: $(grep 'exit code' "$log" "$root/full.log")"
[[ $(grep '^findings:' "$root/full.log") == "$(grep -o 'findings: sev1.*' "$log")" ]] ||
  fail "counts differ: $(grep '^findings:' "$root/full.log") vs $(grep -o 'findings: sev1.*' "$log")"
echo "ok: the merged pipeline has the findings, counts and exit code of one unsharded scan"
