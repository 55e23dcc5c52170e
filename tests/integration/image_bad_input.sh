#!/usr/bin/env bash
# shellcheck disable=SC2016  # backquotes in the expected messages are literal
# Runs the `full` image as GitHub runs a Docker action (see image_github_action.sh), with the
# mistakes a workflow can make: no checkout in the workspace, no workspace at all, a read-only
# workspace, a workspace owned by another uid, no event payload, an unknown `layer` input given
# through action.yml. Each fails with exit 2 and a message naming what to
# change in the workflow file, or works (read-only with a writable --out, foreign owner).
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
g() { git -C "$repo" -c user.name=Base -c user.email=base@example.com "$@"; }
mkdir -p "$repo" "$work/workflow" "$work/home" "$work/empty"
export GIT_AUTHOR_DATE=2026-01-01T00:00:00Z GIT_COMMITTER_DATE=2026-01-01T00:00:00Z
g init -q -b main
printf '# demo\n' >"$repo/README.md"
g add README.md && g commit -qm base
base=$(g rev-parse HEAD)
g checkout -q -b feature
# shellcheck disable=SC2016  # the unquoted $1 is the finding
printf '#!/bin/sh\nrm -rf $1/cache\n' >"$repo/clean.sh"
g add clean.sh && g commit -qm "add clean.sh"
head=$(g rev-parse HEAD)
cat >"$work/workflow/event.json" <<JSON
{"action":"synchronize","number":7,
 "pull_request":{"number":7,"base":{"ref":"main","sha":"$base"},"head":{"ref":"feature","sha":"$head"}},
 "repository":{"full_name":"octo/demo","default_branch":"main"}}
JSON
chown -R 1001:1001 "$work/home" "$work/empty"

# run NAME [podman options...] -- [lamina args...]: stdout+stderr to $work/NAME.log, exit code in $rc.
run() {
  local name=$1 opts=()
  shift
  while [[ $1 != -- ]]; do opts+=("$1"); shift; done
  shift
  set +e
  "${podman_cmd[@]}" run --rm --network none -v "$work/home:/github/home" \
    -e HOME=/github/home -e CI=true -e GITHUB_ACTIONS=true -e GITHUB_EVENT_NAME=pull_request \
    -e GITHUB_SHA="$head" -e GITHUB_REF=refs/pull/7/merge -e GITHUB_BASE_REF=main \
    -e GITHUB_HEAD_REF=feature -e GITHUB_REPOSITORY=octo/demo -e GITHUB_RUN_ID=1 \
    -e GITHUB_EVENT_PATH=/github/workflow/event.json "${opts[@]}" localhost/lamina:full "$@" \
    >"$work/$name.log" 2>&1
  rc=$?
  set -e
}
expect() { # NAME CODE FRAGMENT...: the exit code and each fragment, verbatim, in the output
  local name=$1 code=$2 fragment
  shift 2
  [[ $rc -eq $code ]] || fail "$name: exit $rc, expected $code: $(cat "$work/$name.log")"
  for fragment in "$@"; do
    grep -qF -- "$fragment" "$work/$name.log" || fail "$name: no \"$fragment\" in: $(cat "$work/$name.log")"
  done
}
checkout_fix='in the workflow file, add `- uses: actions/checkout@v4` before the lamina step'
event=(-v "$work/workflow:/github/workflow:ro")

# No workspace mount: the container's working directory is an empty folder.
run no-mount "${event[@]}" -v "$work/empty:/github/workspace" -w /github/workspace \
  -e GITHUB_WORKSPACE=/github/workspace -- scan
expect no-mount 2 'workspace "/github/workspace": no git checkout in it or above it' "$checkout_fix"

# GITHUB_WORKSPACE names a folder that does not exist in the container.
run no-dir "${event[@]}" -w /github/home -e GITHUB_WORKSPACE=/github/workspace -- scan
expect no-dir 2 'workspace "/github/workspace": no such directory' "$checkout_fix"

# A read-only workspace: lamina only reads it, so the reports need a writable --out.
chown -R 1001:1001 "$repo"
ro=(-v "$repo:/github/workspace:ro" -w /github/workspace -e GITHUB_WORKSPACE=/github/workspace)
run read-only "${event[@]}" "${ro[@]}" -- scan --fail-on sev3
expect read-only 2 'report directory "/github/workspace/lamina-out": cannot write there (Read-only file system)' \
  'give a writable folder with --out DIR' 'set the lamina step'"'"'s `with: out:` to a writable folder'
grep -q 'shellcheck' "$work/read-only.log" && fail "read-only: scanners ran before the report directory was checked"
run read-only-out "${event[@]}" "${ro[@]}" -- scan --fail-on sev3 --out /github/home/out
expect read-only-out 1 'SC2086'
[[ $(jq -r '.runs[].results[].ruleId' "$work/home/out/lamina.sarif") == SC2086 ]] ||
  fail "read-only-out: the SARIF in --out does not hold SC2086"
[[ ! -e $repo/lamina-out ]] || fail "read-only-out: lamina wrote into the read-only workspace"

# A workspace owned by another uid (git's "dubious ownership"): lamina trusts the workspace it
# was given, and writes its reports to a folder it owns.
chown -R 4242:4242 "$repo"
run foreign-owner "${event[@]}" -v "$repo:/github/workspace" -w /github/workspace \
  -e GITHUB_WORKSPACE=/github/workspace -- scan --fail-on sev3 --out /github/home/foreign
expect foreign-owner 1 'SC2086'
[[ $(jq -r '.runs[].results[].ruleId' "$work/home/foreign/lamina.sarif") == SC2086 ]] ||
  fail "foreign-owner: the SARIF does not hold SC2086"
grep -qi 'dubious\|safe.directory' "$work/foreign-owner.log" && fail "foreign-owner: git complained: $(cat "$work/foreign-owner.log")"

# No event payload: GITHUB_EVENT_PATH names a file that is not mounted.
run no-event -v "$repo:/github/workspace" -w /github/workspace -e GITHUB_WORKSPACE=/github/workspace -- scan
expect no-event 2 'the file GITHUB_EVENT_PATH names ("/github/workflow/event.json") could not be read' \
  'in a container, mount the file and pass the variable'

# An unknown `layer` input, passed the way the runner passes action.yml's inputs (INPUT_* variables,
# runs.args).
mapfile -t action < <(python3 "$src/tests/tools/action_inputs.py" "$src/action.yml" layer=inlin)
run bad-layer "${event[@]}" -v "$repo:/github/workspace" -w /github/workspace \
  -e GITHUB_WORKSPACE=/github/workspace "${action[@]}"
expect bad-layer 2 '--layer "inlin": expected inline, pre-deploy, post-deploy or continuous' \
  'in the workflow file, set the lamina step'"'"'s `with: layer:` to one of them'
echo "ok: no mount, no dir, read-only (with and without --out), foreign owner, no event, bad layer"
