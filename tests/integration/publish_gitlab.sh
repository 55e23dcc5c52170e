#!/usr/bin/env bash
# --publish discussion,comment,status against a local GitLab API (tests/tools/fake_platform_api.py:
# GitLab's documented request shapes, state kept across runs) on a merge request run four times:
# two findings, unchanged, one fixed (its discussion resolved), the fix undone (reopened). Faults:
# a 502 and a 429 once (retried), lists two to a page (paginated), a token without write access.
set -euo pipefail
lamina=$1
src=$2
fail() { echo "FAIL: $*" >&2; exit 1; }
token=glpat-publishTestToken0123456789
# shellcheck source=tests/tools/publish_test_lib.sh
source "$src/tests/tools/publish_test_lib.sh"

merge_request() {  # merge_request CONTENT: the MR's source branch sets a.txt
  g checkout -q -B feature "$base"
  printf '%b' "$1" >"$repo/a.txt"
  g commit -qam "change a.txt"
  head=$(g rev-parse HEAD)
}
run() {  # run OUT ARGS...: lamina scan as a GitLab merge request pipeline job, exit code in $rc
  local out=$1; shift
  (cd "$repo" && env -i PATH="$PATH" HOME="$work" CI=true GITLAB_CI=true CI_PROJECT_DIR="$repo" \
    CI_PROJECT_PATH=group/project CI_PROJECT_ID=42 CI_SERVER_URL=https://gitlab.example.com \
    CI_API_V4_URL="http://127.0.0.1:$port/api/v4" CI_JOB_URL=https://gitlab.example.com/group/project/-/jobs/11 \
    CI_PIPELINE_SOURCE=merge_request_event CI_COMMIT_SHA="$head" CI_COMMIT_REF_NAME=feature \
    CI_DEFAULT_BRANCH=main CI_MERGE_REQUEST_IID=3 CI_MERGE_REQUEST_EVENT_TYPE=detached \
    CI_MERGE_REQUEST_DIFF_BASE_SHA="$base" CI_MERGE_REQUEST_TARGET_BRANCH_NAME=main \
    CI_MERGE_REQUEST_SOURCE_BRANCH_NAME=feature LAMINA_GITLAB_TOKEN="$token" \
    "$lamina" scan --out "$work/$out" "$@" >"$work/$out.stdout" 2>"$work/$out.stderr") &&
    rc=0 || rc=$?
  ! grep -rqF "$token" "$work/$out.stdout" "$work/$out.stderr" "$work/$out" ||
    fail "$out: the token appears in lamina's output or reports"
}
ours='[x for x in d["discussions"]["3"] if "lamina:inline:finding" in x["notes"][0]["body"]]'

# Other people's notes and a discussion, so every list has two pages.
"$python" - "$work/api/state.json" <<'PY'
import json, sys
state = {"next_id": 1000, "check_runs": {}, "sarifs": {}, "issue_comments": {}, "review_comments": {},
         "statuses": [], "faults_used": [],
         "notes": {"3": [{"id": i, "body": "LGTM %d" % i} for i in (1, 2, 3)]},
         "discussions": {"3": [{"id": "%040x" % i, "notes": [{"id": i, "body": "question %d" % i, "resolved": False}]} for i in (4, 5)]}}
json.dump(state, open(sys.argv[1], "w"))
PY
start_server --faults "502:POST /api/v4/projects/42/merge_requests/3/discussions,ratelimit:GET /api/v4/projects/42/merge_requests/3/notes"
publish=(--publish discussion,comment,status)

merge_request 'fine\nBAD one\nfine\nBAD two\n'
run first "${publish[@]}"
[[ $rc == 1 ]] || fail "run 1: exit $rc, expected 1; $(cat "$work/first.stderr")"
no_problems
[[ $(state "sorted(x['notes'][0]['position']['new_line'] for x in $ours)") == "[2, 4]" ]] ||
  fail "run 1: discussions $(state 'd["discussions"]')"
[[ $(state 'len([n for n in d["notes"]["3"] if "lamina:inline:summary" in n["body"]])') == 1 ]] || fail "run 1: summary note"
[[ $(state '[(s["state"], s["name"], s["sha"]) for s in d["statuses"]]') == "[('failed', 'lamina / inline', '$head')]" ]] ||
  fail "run 1: statuses $(state 'd["statuses"]')"
grep -q '"status": 502' "$work/api/requests.jsonl" || fail "the 502 fault was not hit"
grep -q '"status": 429' "$work/api/requests.jsonl" || fail "the 429 fault was not hit"
echo "ok: run 1: 2 discussions on the diff, 1 summary note, a failed commit status"

mark=$(wc -l <"$work/api/requests.jsonl")
run second "${publish[@]}"
no_problems
[[ $(writes_since "$mark" '/merge_requests/') == 0 ]] ||
  fail "run 2 wrote to the MR: $(tail -n +"$((mark + 1))" "$work/api/requests.jsonl" | grep -v GET)"
echo "ok: run 2 (unchanged): nothing written to the merge request"

merge_request 'fine\nBAD one\nfine\nfine\n'
run third "${publish[@]}"
no_problems
[[ $(state "sorted((x['notes'][0]['position']['new_line'], x['notes'][0]['resolved']) for x in $ours)") == "[(2, False), (4, True)]" ]] ||
  fail "run 3: the fixed finding's discussion is not resolved: $(state 'd["discussions"]')"
[[ $(state '[n.get("edits", 0) for n in d["notes"]["3"] if "lamina:" in n["body"]]') == "[1]" ]] || fail "run 3: summary not edited once"
[[ $(state '[x["notes"][0]["resolved"] for x in d["discussions"]["3"] if "question" in x["notes"][0]["body"]]') == "[False, False]" ]] ||
  fail "run 3: other people's discussions were resolved"
echo "ok: run 3 (one fixed): its discussion resolved, the summary note edited in place"

merge_request 'fine\nBAD one\nfine\nBAD two\n'
run fourth "${publish[@]}"
no_problems
[[ $(state "sorted((x['notes'][0]['position']['new_line'], x['notes'][0]['resolved']) for x in $ours)") == "[(2, False), (4, False)]" ]] ||
  fail "run 4: the returned finding's discussion is not reopened: $(state 'd["discussions"]')"
[[ $(state "len($ours)") == 2 ]] || fail "run 4: a discussion was duplicated"
echo "ok: run 4 (finding back): its discussion reopened, not duplicated"

start_server --read-only
run readonly "${publish[@]}"
[[ $rc == 1 ]] || fail "read-only token: exit $rc, expected the gate's 1"
grep -q 'publish status: FAILED: HTTP 403' "$work/readonly.stderr" || fail "read-only: $(cat "$work/readonly.stderr")"
run badtarget --publish check
[[ $rc == 2 ]] || fail "--publish check on GitLab: exit $rc, expected 2"
echo "ok: a token without write access fails publishing, the verdict unchanged; GitHub targets refused"
