#!/usr/bin/env bash
# Runs the `full` image the way GitHub runs a Docker container action on a pull request: the
# checkout of the test merge commit at /github/workspace, the event payload at
# /github/workflow/event.json, $GITHUB_STEP_SUMMARY / $GITHUB_OUTPUT files under
# /github/file_commands, the GITHUB_* variables GitHub sets, and no network. The pull request adds
# a shell script with a ShellCheck finding; `--fail-on sev3` makes it gate.
set -euo pipefail
src=$2
fail() { echo "FAIL: $*" >&2; exit 1; }
if [[ $(id -u) -ne 0 ]]; then
  echo "SKIP: building and running images needs root (rootful podman)" >&2
  exit 77
fi

[[ ${LAMINA_IMAGES_BUILT:-} == 1 ]] || "$src/scripts/image" --binary "$1" >&2 || fail "scripts/image failed"
podman_cmd=()  # set by scripts/image --env
# shellcheck disable=SC1091  # a path given at run time
source "$src/scripts/image" --env

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
repo=$work/workspace
g() { git -C "$repo" -c safe.directory="*" -c user.name=Base -c user.email=base@example.com "$@"; }
mkdir -p "$repo" "$work/workflow" "$work/file_commands" "$work/home"
export GIT_AUTHOR_DATE=2026-01-01T00:00:00Z GIT_COMMITTER_DATE=2026-01-01T00:00:00Z
g init -q -b main
printf '# demo\n' >"$repo/README.md"
g add README.md && g commit -qm base
base=$(g rev-parse HEAD)
g checkout -q -b feature
# shellcheck disable=SC2016  # the unquoted $1 is the finding under test
printf '#!/bin/sh\nrm -rf $1/cache\n' >"$repo/clean.sh"
g add clean.sh && g commit -qm "add clean.sh"
head=$(g rev-parse HEAD)
# GitHub checks out refs/pull/N/merge: the PR head merged into the base branch.
g checkout -q --detach "$base"
g merge -q --no-ff -m "Merge $head into $base" "$head"
merge=$(g rev-parse HEAD)

cat >"$work/workflow/event.json" <<JSON
{"action":"synchronize","number":7,
 "pull_request":{"number":7,"base":{"ref":"main","sha":"$base"},"head":{"ref":"feature","sha":"$head"}},
 "repository":{"full_name":"octo/demo","default_branch":"main"}}
JSON
: >"$work/file_commands/step_summary"
: >"$work/file_commands/output"
# GitHub-hosted runners own the workspace as uid 1001, the image's `lamina` user; the files the
# action writes go to directories the runner made writable.
chown -R 1001:1001 "$repo" "$work/file_commands" "$work/home"

# run_action INPUT=VALUE...: the action's `with:` inputs, passed as the runner passes them.
run_action() {
  local action opts=() i
  mapfile -t action < <(python3 "$src/tests/tools/action_inputs.py" "$src/action.yml" "$@")
  for ((i = 0; i < ${#action[@]}; i++)); do
    [[ ${action[i]} == -- ]] && break
    opts+=("${action[i]}")
  done
  "${podman_cmd[@]}" run --rm --network none --workdir /github/workspace \
    -v "$repo:/github/workspace" -v "$work/workflow:/github/workflow:ro" \
    -v "$work/file_commands:/github/file_commands" -v "$work/home:/github/home" \
    -e HOME=/github/home -e CI=true -e GITHUB_ACTIONS=true -e GITHUB_EVENT_NAME=pull_request \
    -e GITHUB_EVENT_PATH=/github/workflow/event.json -e GITHUB_SHA="$merge" \
    -e GITHUB_REF=refs/pull/7/merge -e GITHUB_BASE_REF=main -e GITHUB_HEAD_REF=feature \
    -e GITHUB_REPOSITORY=octo/demo -e GITHUB_SERVER_URL=https://github.com \
    -e GITHUB_RUN_ID=1 -e GITHUB_WORKSPACE=/github/workspace \
    -e GITHUB_STEP_SUMMARY=/github/file_commands/step_summary \
    -e GITHUB_OUTPUT=/github/file_commands/output -e GITHUB_TOKEN=ghs_lamina_test_token \
    "${opts[@]}" localhost/lamina:full "${action[@]:i+1}"
}

set +e
run_action fail-on=sev3 >"$work/stdout" 2>"$work/stderr"
rc=$?
set -e
! grep -rqF ghs_lamina_test_token "$work/stdout" "$work/stderr" "$work/file_commands" "$repo/lamina-out" ||
  fail "the GITHUB_TOKEN value appears in lamina's output or reports"
[[ $rc -eq 1 ]] || fail "exit code $rc, expected 1 (gate failed on sev3); stderr: $(cat "$work/stderr")"
# It fails the gate, so it is an error whatever its severity.
grep -qE '^::error file=clean\.sh,line=2' "$work/stdout" ||
  fail "no ::error annotation for clean.sh line 2 on stdout: $(cat "$work/stdout")"
grep -q 'SC2086' "$work/stdout" || fail "the annotation does not name ShellCheck's SC2086"

sarif=$repo/lamina-out/lamina.sarif
[[ -f $sarif ]] || fail "no SARIF at lamina-out/lamina.sarif; lamina-out has: $(ls "$repo/lamina-out" 2>&1)"
results=$(jq -c '[.runs[].results[] | {ruleId, uri: .locations[0].physicalLocation.artifactLocation.uri}]' "$sarif")
[[ $results == '[{"ruleId":"SC2086","uri":"clean.sh"}]' ]] || fail "SARIF results: $results"

grep -q '^| shellcheck | findings |' "$work/file_commands/step_summary" ||
  fail "the step summary has no shellcheck row with findings: $(cat "$work/file_commands/step_summary")"
grep -qx 'gate<<ghadelimiter_[0-9a-f]*' "$work/file_commands/output" || fail "no gate output"
grep -A1 '^gate<<' "$work/file_commands/output" | grep -qx fail || fail "the gate output is not 'fail'"
grep -A1 '^sarif<<' "$work/file_commands/output" | grep -q 'lamina-out/lamina.sarif' ||
  fail "the sarif output does not name lamina-out/lamina.sarif: $(cat "$work/file_commands/output")"
# Every scanner the image ships starts (a missing one would be listed here).
[[ -z $(grep -A1 '^failed-scanners<<' "$work/file_commands/output" | tail -1) ]] ||
  fail "scanners failed in the image: $(grep -A2 '^failed-scanners<<' "$work/file_commands/output")"
echo "ok: GitHub action emulation, exit $rc, $(grep -c '^::' "$work/stdout") annotations"

# ---- The tokens a scanner could reach in the image (issue 13, item 2) -------------------------
# actions/checkout persists the token in .git/config (an http extraheader); lamina runs as the
# image's user and is not dumpable, so /proc/<lamina>/environ (PID 1 in a Docker action) is
# closed to its scanners, and the header is held out of .git/config while they run. A probe
# scanner, from a configuration outside the checkout, tries both and writes what it saw.
header=$(printf 'x-access-token:%s' ghs_lamina_test_token | base64 -w0)
g config http.https://github.com/.extraheader "AUTHORIZATION: basic $header"
cp "$repo/.git/config" "$work/config-before"
cat >"$work/home/probe.py" <<'PY'
import json, os, sys
seen = {"uid": os.getuid()}
with open("/proc/%d/cmdline" % os.getppid(), "rb") as f:
    seen["parent"] = f.read().decode("utf-8", "replace")
for pid in sorted({os.getppid(), 1}):
    try:
        with open("/proc/%d/environ" % pid, "rb") as f:
            seen["environ_%d" % pid] = f.read().decode("utf-8", "replace")
    except OSError as e:
        seen["environ_%d_error" % pid] = e.__class__.__name__
with open(os.path.join(sys.argv[1], ".git", "config"), encoding="utf-8") as f:
    seen["git_config"] = f.read()
seen["own_env"] = dict(os.environ)
with open("/github/home/probe.json", "w", encoding="utf-8") as f:
    json.dump(seen, f)
PY
cat >"$work/home/probe.lamina.yml" <<'YML'
scanners:
  probe:
    name: Token probe
    layer: inline
    files: ["*"]
    scope: repo
    command: [python3, /github/home/probe.py, "{repo}"]
    output: {from: stdout, format: gcc}
    exit_codes: [0]
YML
chown -R 1001:1001 "$repo" "$work/home"
set +e
run_action fail-on=sev3 config=/github/home/probe.lamina.yml out=probe-out \
  >"$work/probe.stdout" 2>"$work/probe.stderr"
rc=$?
set -e
[[ $rc -eq 1 ]] || fail "probe run: exit $rc, expected 1; stderr: $(cat "$work/probe.stderr")"
probe=$work/home/probe.json
[[ -f $probe ]] || fail "the probe scanner never ran: $(cat "$work/probe.stderr")"
jq -e '.parent | test("lamina")' "$probe" >/dev/null || fail "the probe's parent is not lamina: $(jq .parent "$probe")"
jq -e '.uid == 1001' "$probe" >/dev/null || fail "the probe ran as uid $(jq .uid "$probe"), not the image's user 1001"
for pid in $(jq -r 'keys[] | select(test("^environ_[0-9]+_error$")) | capture("(?<p>[0-9]+)").p' "$probe"); do
  echo "ok: /proc/$pid/environ closed to a scanner ($(jq -r ".environ_${pid}_error" "$probe"))"
done
jq -e '[keys[] | select(test("^environ_[0-9]+$"))] | length == 0' "$probe" >/dev/null ||
  fail "a scanner read lamina's environment: $(jq -c 'with_entries(select(.key | test("^environ_")))' "$probe")"
jq -e '[keys[] | select(test("^environ_[0-9]+_error$"))] | length >= 1' "$probe" >/dev/null ||
  fail "the probe tried no /proc/<pid>/environ"
jq -e '.git_config | length > 0' "$probe" >/dev/null || fail "the probe read no .git/config"
! grep -qF -e ghs_lamina_test_token -e "$header" "$probe" ||
  fail "a scanner could read the token (environment or .git/config): $(cat "$probe")"
cmp -s "$work/config-before" "$repo/.git/config" ||
  fail ".git/config is not back byte for byte after the run: $(diff "$work/config-before" "$repo/.git/config")"
echo "ok: in the full image a scanner reads neither lamina's environment nor the persisted header"
