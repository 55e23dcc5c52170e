#!/usr/bin/env bash
# A hostile pull request, end to end: `lamina scan` runs as GitHub Actions runs it (pull_request
# event, test merge commit, step summary, outputs, a token in the environment) on a real repository
# whose PR adds files named as shell syntax, options, workflow commands and control characters, a
# symlink to /etc/passwd, a 200 MB binary, 50,000 small files and a CRLF file, with a custom scanner
# (from the base's .lamina.yml) whose every message and path is an injection attempt. The real
# inline scanners that match run too. tests/tools/check_hostile_run.py asserts that nothing ran or
# was written outside the run, the token leaked nowhere, every report is valid and inert, the
# annotations are escaped exactly as @actions/core escapes them, and the gate is right; the run's
# wall time and peak memory are printed (bounds: 10 min ceiling for a hang, peak RSS < 1 GiB).
set -euo pipefail
lamina=$(realpath "$1")
source_dir=$(realpath "$2")
tools=$source_dir/tests/tools
python=/usr/bin/python3
fail() { echo "FAIL: $*" >&2; exit 1; }

for tool in git shellcheck bandit codespell "$python"; do
  command -v "$tool" >/dev/null || { echo "SKIP: $tool is not installed" >&2; exit 77; }
done
schemas=$source_dir/tests/data/schemas
[[ -f $schemas/sarif-schema-2.1.0.json ]] || fail "no SARIF schema at $schemas"

root=$(mktemp -d)
# LAMINA_KEEP_TEST_DIR=1 keeps the run's files to look at.
trap '[[ -n ${LAMINA_KEEP_TEST_DIR:-} ]] && echo "kept $root" >&2 || rm -rf "$root"' EXIT
mkdir "$root/home" "$root/tmp" "$root/runner" "$root/sentinel"
echo "untouched" >"$root/sentinel/file"
echo "untouched" >"$root/home/.profile"
: >"$root/runner/step_summary.md"
: >"$root/runner/output"
"$python" "$tools/hostile_repo.py" "$root"
"$python" "$tools/check_hostile_run.py" snapshot "$root" >"$root/before.json"

# The environment a GitHub-hosted runner gives a step, minus LANG (a container started with a bare
# environment has none, and lamina must cope), plus a token lamina must keep to itself.
merge=$("$python" -c 'import json,sys; print(json.load(open(sys.argv[1]))["merge"])' "$root/expected.json")
github_token=ghs_hostileFAKEtoken0123456789abcdefABCD
runtime_token=runtimeFAKEtoken42
printf '%s\n' "$github_token" "$runtime_token" >"$root/tokens"
path=/usr/local/bin:/usr/bin:/bin
[[ -d $source_dir/node_modules/.bin ]] && path=$source_dir/node_modules/.bin:$path
run_env=(
  PATH="$path" HOME="$root/home" TMPDIR="$root/tmp" RUNNER_TEMP="$root/tmp" CI=true
  GITHUB_ACTIONS=true GITHUB_EVENT_NAME=pull_request GITHUB_EVENT_PATH="$root/event.json"
  GITHUB_WORKSPACE="$root/repo" GITHUB_SHA="$merge" GITHUB_REF=refs/pull/7/merge
  GITHUB_BASE_REF=main 'GITHUB_HEAD_REF=feature/$(touch${IFS}pwned)'
  GITHUB_REPOSITORY=octo/hostile GITHUB_SERVER_URL=https://github.com
  GITHUB_STEP_SUMMARY="$root/runner/step_summary.md" GITHUB_OUTPUT="$root/runner/output"
  GITHUB_TOKEN="$github_token" ACTIONS_RUNTIME_TOKEN="$runtime_token"
)
(cd "$root/repo" && env -i "${run_env[@]}" "$python" "$tools/run_measured.py" \
  --stats "$root/stats.json" --stdout "$root/stdout" --stderr "$root/stderr" --ceiling 600 -- \
  "$lamina" scan --out "$root/out")

"$python" "$tools/check_hostile_run.py" check "$root" "$schemas"

# ---- pull_request_target with --config-from base (issue 13, items 1, 2 and 5) ------------------
# The PR commits files that would run its code inside eslint (Node's self-reference through its
# own package.json, a project eslint.config.js) and that would silence every installed scanner
# family (.secretlintignore, .shellcheckrc, .yamllint, .codespellrc + setup.cfg, .bandit) plus a
# rewritten --baseline; the checkout holds the credentials actions/checkout persists (a header in
# .git/config and in an included file under RUNNER_TEMP) and a GitLab job-token remote URL. A
# probe scanner from the base configuration tries to read them and /proc/<lamina>/environ.
# lamina runs without CAP_SYS_PTRACE, as in a Docker container (root keeps it here, and with it
# may read any process's environ).
for tool in eslint secretlint yamllint codespell setpriv; do
  command -v "$tool" >/dev/null || PATH=$path command -v "$tool" >/dev/null ||
    { echo "SKIP (pull_request_target part): $tool is not installed" >&2; exit 77; }
done
without_ptrace=()
[[ $(id -u) == 0 ]] && without_ptrace=(setpriv --bounding-set=-sys_ptrace --)
target=$root/pr-target
mkdir -p "$target/home" "$target/tmp"
"$python" "$tools/hostile_pr_target.py" make "$target"
target_run() {  # target_run OUT ARGS...: lamina scan as a pull_request_target job runs it
  local out=$1; shift
  local base
  base=$("$python" -c 'import json,sys; print(json.load(open(sys.argv[1]))["base"])' "$target/shas.json")
  (cd "$target/repo" && env -i PATH="$path" HOME="$target/home" TMPDIR="$target/tmp" \
    RUNNER_TEMP="$target/runner-temp" CI=true GITHUB_ACTIONS=true \
    GITHUB_EVENT_NAME=pull_request_target GITHUB_EVENT_PATH="$target/event.json" \
    GITHUB_WORKSPACE="$target/repo" GITHUB_SHA="$base" GITHUB_REF=refs/heads/main \
    GITHUB_REPOSITORY=octo/target GITHUB_SERVER_URL=https://github.com \
    GITHUB_TOKEN=ghs_prTargetFAKEtoken0123456789abcdefAB \
    "${without_ptrace[@]}" "$lamina" scan --out "$out" "$@" \
    >"$out.stdout" 2>"$out.stderr") && rc=0 || rc=$?
}
# A first run gives the findings' fingerprints; the PR then commits them as its "baseline".
target_run "$target/first" --config-from worktree
[[ $rc == 1 ]] || fail "first pull_request_target run: exit $rc, expected 1 ($(cat "$target/first.stderr"))"
"$python" "$tools/hostile_pr_target.py" commit-baseline "$target" "$target/first/lamina.sarif"
# Control: reading the working tree's configuration, that baseline hides every finding.
target_run "$target/control" --config-from worktree --baseline ci/baseline.sarif
"$python" "$tools/hostile_pr_target.py" control "$target" "$target/control"
rm -f "$target/probe.json"
# The attack: the configuration (and the baseline) from the base commit.
target_run "$target/out" --config-from auto --baseline ci/baseline.sarif
[[ $rc == 1 ]] || fail "pull_request_target run: exit $rc, expected 1 (the gate fails)
$(cat "$target/out.stderr")"
"$python" "$tools/hostile_pr_target.py" check "$target" "$target/out"
