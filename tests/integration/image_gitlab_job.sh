#!/usr/bin/env bash
# Runs the `full` image as a GitLab runner runs gitlab-templates/lamina-inline.yml's job on a
# merge request pipeline: the checkout at /builds/group/project (cloned by the runner as root with
# umask 0000), the job's variables and the CI_MERGE_REQUEST_* ones GitLab sets, the template's
# own script line through `sh -c` (its entrypoint is [""]), no network. The merge request adds a
# shell script, a Python file, a JavaScript file and a leaked token; main already had a shell
# finding that the merge request does not touch. Asserts the exit code, that the GitLab reports
# the template collects validate against GitLab's schemas, and what they hold.
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
repo=$work/project
g() { git -C "$repo" -c user.name=Dev -c user.email=dev@example.com "$@"; }
mkdir -p "$repo"
export GIT_AUTHOR_DATE=2026-01-01T00:00:00Z GIT_COMMITTER_DATE=2026-01-01T00:00:00Z
g init -q -b main
# shellcheck disable=SC2016  # the unquoted $1 is a finding main already has
printf '#!/bin/sh\nrm -rf $1/old\n' >"$repo/old.sh"
printf '# demo\n' >"$repo/README.md"
g add . && g commit -qm base
g checkout -q -b feature
# shellcheck disable=SC2016  # the unquoted $1 is the merge request's finding
printf '#!/bin/sh\nrm -rf $1/cache\n' >"$repo/clean.sh"
printf 'import subprocess\n\n\ndef run(cmd):\n    return subprocess.call(cmd, shell=True)\n' >"$repo/tool.py"
printf '{"name": "web", "version": "1.0.0"}\n' >"$repo/package.json"
printf 'module.exports = (input) => eval(input.code);\n' >"$repo/handler.js"
token="ghp_$(printf 'lamina%.0s' 1 2 3 4 5 6)"
printf 'GITHUB_TOKEN=%s\n' "$token" >"$repo/deploy.env"
g add . && g commit -qm "feature: clean, tool, handler, deploy settings"
head=$(g rev-parse HEAD)
g checkout -q main
printf '# demo\n\nMore words.\n' >"$repo/README.md"
g commit -qam "main moves on"
g checkout -q feature
diff_base=$(g merge-base main feature)
# The runner clones as root with umask 0000: the image's non-root user can read and write it.
chmod -R a+rwX "$repo"

template=$src/gitlab-templates/lamina-inline.yml
script=$(python3 -c 'import sys, yaml
docs = list(yaml.safe_load_all(open(sys.argv[1])))
print(docs[1]["lamina-inline"]["script"][0])' "$template")
defaults=$(python3 -c 'import sys, yaml
spec = next(yaml.safe_load_all(open(sys.argv[1])))["spec"]["inputs"]
print("\n".join(k.upper() + "=" + str(v.get("default", "")) for k, v in spec.items()))' "$template")
fail_on=$(sed -n 's/^FAIL_ON=//p' <<<"$defaults")
[[ $fail_on == sev2 ]] || fail "the template's fail_on default is \"$fail_on\"; this test expects sev2"

set +e
"${podman_cmd[@]}" run --rm --network none -v "$repo:/builds/group/project" -w /builds/group/project \
  --entrypoint sh \
  -e CI=true -e GITLAB_CI=true -e CI_PROJECT_DIR=/builds/group/project -e CI_PROJECT_PATH=group/project \
  -e CI_SERVER_URL=https://gitlab.example.com -e CI_JOB_ID=11 -e CI_PIPELINE_ID=5 \
  -e CI_PIPELINE_SOURCE=merge_request_event -e CI_COMMIT_SHA="$head" -e CI_COMMIT_REF_NAME=feature \
  -e CI_DEFAULT_BRANCH=main -e CI_MERGE_REQUEST_IID=3 -e CI_MERGE_REQUEST_EVENT_TYPE=detached \
  -e CI_MERGE_REQUEST_DIFF_BASE_SHA="$diff_base" -e CI_MERGE_REQUEST_TARGET_BRANCH_NAME=main \
  -e CI_MERGE_REQUEST_SOURCE_BRANCH_NAME=feature \
  -e LAMINA_LAYER="$(sed -n 's/^LAYER=//p' <<<"$defaults")" -e LAMINA_FAIL_ON="$fail_on" \
  -e LAMINA_FILTER="$(sed -n 's/^FILTER=//p' <<<"$defaults")" -e LAMINA_ARGS= \
  localhost/lamina:full -c "$script" >"$work/stdout" 2>"$work/stderr"
rc=$?
set -e
cat "$work/stdout" "$work/stderr" >&2
[[ $rc -eq 1 ]] || fail "exit code $rc, expected 1 (the gate fails on sev2)"

out=$repo/lamina-out
for kind in sast secret-detection dependency-scanning; do
  report=$out/gl-$kind-report.json
  [[ -f $report ]] || fail "no $report; lamina-out has: $(ls "$out" 2>&1)"
  python3 "$src/tests/tools/validate_json_schema.py" \
    "$src/tests/data/schemas/gitlab-15.2.1/$kind-report-format.json" "$report" >&2 ||
    fail "$report does not validate against GitLab's $kind schema"
done
sast=$(jq -c '[.vulnerabilities[] | .location.file] | unique' "$out/gl-sast-report.json")
# ShellCheck is a linter: its findings go to code quality, not SAST.
[[ $sast == '["handler.js","tool.py"]' ]] || fail "SAST report files: $sast"
secrets=$(jq -c '[.vulnerabilities[] | .location.file] | unique' "$out/gl-secret-detection-report.json")
[[ $secrets == '["deploy.env"]' ]] || fail "secret detection report files: $secrets"
grep -qF "$token" "$out"/gl-*.json "$work/stdout" "$work/stderr" &&
  fail "a report or the job log holds the leaked token in clear"
grep -q 'old\.sh' "$out/lamina.sarif" && fail "the SARIF names old.sh, which the merge request does not change"
quality=$(jq -c '[.[] | .location.path] | unique' "$out/gl-code-quality-report.json")
[[ $quality == '["clean.sh","deploy.env","handler.js","tool.py"]' ]] || fail "code quality report paths: $quality"
jq -e 'all(.[]; (.fingerprint | length) > 0 and (.check_name | length) > 0)' \
  "$out/gl-code-quality-report.json" >/dev/null || fail "a code quality entry lacks fingerprint or check_name"
echo "ok: GitLab MR job, exit $rc, $(jq '.vulnerabilities | length' "$out/gl-sast-report.json") SAST findings"
