#!/usr/bin/env bash
# --publish check,review,comment,code-scanning against a local GitHub API
# (tests/tools/fake_platform_api.py checks every request against GitHub's OpenAPI description and
# keeps state across runs), on a pull request run three times: two findings, unchanged, one fixed.
# Then faults: a 502 and a secondary rate limit once (retried), lists two to a page (paginated),
# other people's comments left alone, a read-only token (a fork's) that fails publishing without
# changing the verdict, and --publish-required turning that failure into exit 3.
set -euo pipefail
lamina=$1
src=$2
fail() { echo "FAIL: $*" >&2; exit 1; }
token=ghs_publishTestToken0123456789abcdef
# shellcheck source=tests/tools/publish_test_lib.sh
source "$src/tests/tools/publish_test_lib.sh"

pull_request() {  # pull_request CONTENT: the PR's head commit sets a.txt, GitHub's test merge
  g checkout -q -B feature "$base"
  printf '%b' "$1" >"$repo/a.txt"
  g commit -qam "change a.txt"
  head=$(g rev-parse HEAD)
  g checkout -q --detach "$base"
  g merge -q --no-ff -m "Merge $head into $base" "$head"
  merge=$(g rev-parse HEAD)
  cat >"$work/event.json" <<JSON
{"action":"synchronize","number":7,
 "pull_request":{"number":7,"base":{"ref":"main","sha":"$base"},"head":{"ref":"feature","sha":"$head"}},
 "repository":{"full_name":"octo/demo","default_branch":"main"}}
JSON
}
run() {  # run OUT ARGS...: lamina scan as a GitHub pull_request job, exit code in $rc
  local out=$1; shift
  (cd "$repo" && env -i PATH="$PATH" HOME="$work" CI=true GITHUB_ACTIONS=true \
    GITHUB_EVENT_NAME=pull_request GITHUB_EVENT_PATH="$work/event.json" GITHUB_SHA="$merge" \
    GITHUB_REF=refs/pull/7/merge GITHUB_REPOSITORY=octo/demo GITHUB_WORKSPACE="$repo" \
    GITHUB_SERVER_URL=https://github.com GITHUB_RUN_ID=99 GITHUB_API_URL="http://127.0.0.1:$port" \
    GITHUB_TOKEN="$token" "$lamina" scan --out "$work/$out" "$@" >"$work/$out.stdout" 2>"$work/$out.stderr") &&
    rc=0 || rc=$?
  ! grep -rqF "$token" "$work/$out.stdout" "$work/$out.stderr" "$work/$out" ||
    fail "$out: the token appears in lamina's output or reports"
}

# Other people's comments: three on the PR, two review comments, so every list has two pages.
"$python" - "$work/api/state.json" <<'PY'
import json, sys
other = {"login": "octocat", "type": "User"}
state = {"next_id": 1000, "check_runs": {}, "sarifs": {}, "notes": {}, "discussions": {}, "statuses": [],
         "faults_used": [],
         "issue_comments": {"7": [{"id": i, "body": "LGTM %d" % i, "user": other} for i in (1, 2, 3)]},
         "review_comments": {"7": [{"id": i, "body": "nit %d" % i, "path": "a.txt", "line": 1, "user": other} for i in (4, 5)]}}
json.dump(state, open(sys.argv[1], "w"))
PY
start_server --faults "502:POST /repos/octo/demo/check-runs,ratelimit:GET /repos/octo/demo/issues/7/comments"
publish=(--publish check,review,comment,code-scanning)

# ---- Run 1: two findings ---------------------------------------------------------------------
pull_request 'fine\nBAD one\nfine\nBAD two\n'
run first "${publish[@]}"
[[ $rc == 1 ]] || fail "run 1: exit $rc, expected 1 (the gate fails); $(cat "$work/first.stderr")"
grep -q 'publish check: check run' "$work/first.stderr" || fail "run 1: no check run reported: $(cat "$work/first.stderr")"
no_problems
[[ $(state 'len(d["check_runs"])') == 1 ]] || fail "run 1: check runs: $(state 'd["check_runs"]')"
[[ $(state '[r["conclusion"] for r in d["check_runs"].values()]') == "['failure']" ]] || fail "run 1: conclusion"
[[ $(state '[r["head_sha"] for r in d["check_runs"].values()][0]') == "$head" ]] ||
  fail "run 1: the check run is not on the PR head $head"
[[ $(state '[r["name"] for r in d["check_runs"].values()][0]') == "lamina / inline" ]] || fail "run 1: check name"
[[ $(state 'sorted((a["path"], a["start_line"], a["annotation_level"]) for r in d["check_runs"].values() for a in r["output"]["annotations"])') == \
   "[('a.txt', 2, 'failure'), ('a.txt', 4, 'failure')]" ]] || fail "run 1: annotations $(state 'd["check_runs"]')"
grep -q '"status": 502' "$work/api/requests.jsonl" || fail "the 502 fault was not hit"
grep -q '"status": 403' "$work/api/requests.jsonl" || fail "the rate-limit fault was not hit"
[[ $(state 'len(d["review_comments"]["7"])') == 4 ]] || fail "run 1: review comments $(state 'd["review_comments"]')"
[[ $(state 'sorted(c["line"] for c in d["review_comments"]["7"] if "lamina:" in c["body"])') == "[2, 4]" ]] ||
  fail "run 1: review comment lines"
[[ $(state '[c["commit_id"] for c in d["review_comments"]["7"] if "lamina:" in c["body"]][0]') == "$head" ]] ||
  fail "run 1: review comments not on the PR head"
[[ $(state 'len([c for c in d["issue_comments"]["7"] if "lamina:inline:summary" in c["body"]])') == 1 ]] ||
  fail "run 1: summary comments $(state 'd["issue_comments"]')"
[[ $(state '[s["valid"] and s["commit_sha"] for s in d["sarifs"].values()][0]') == "$merge" ]] ||
  fail "run 1: SARIF upload $(state 'd["sarifs"]')"
grep -q 'publish code-scanning: SARIF upload .* processed' "$work/first.stderr" || fail "run 1: code scanning not reported"
echo "ok: run 1: check run with 2 annotations, 2 review comments, 1 summary comment, SARIF processed ($(wc -l <"$work/api/requests.jsonl") requests)"

# ---- Run 2: unchanged: nothing but a new check run is written --------------------------------
mark=$(wc -l <"$work/api/requests.jsonl")
run second "${publish[@]}"
[[ $rc == 1 ]] || fail "run 2: exit $rc"
no_problems
[[ $(writes_since "$mark" '/comments') == 0 ]] ||
  fail "run 2 wrote comments: $(tail -n +"$((mark + 1))" "$work/api/requests.jsonl" | grep -v GET)"
[[ $(state 'len(d["review_comments"]["7"])') == 4 ]] || fail "run 2: review comments duplicated"
[[ $(state 'len(d["issue_comments"]["7"])') == 4 ]] || fail "run 2: summary comment duplicated"
echo "ok: run 2 (unchanged): no comment written; $(($(wc -l <"$work/api/requests.jsonl") - mark)) requests"

# ---- Run 3: one finding fixed ------------------------------------------------------------------
mark=$(wc -l <"$work/api/requests.jsonl")
pull_request 'fine\nBAD one\nfine\nfine\n'
run third "${publish[@]}"
[[ $rc == 1 ]] || fail "run 3: exit $rc"
no_problems
[[ $(state 'sorted(c["line"] for c in d["review_comments"]["7"] if "lamina:" in c["body"])') == "[2]" ]] ||
  fail "run 3: the fixed finding's comment is still there: $(state 'd["review_comments"]')"
[[ $(state 'len(d["review_comments"]["7"])') == 3 ]] || fail "run 3: other people's review comments were touched"
[[ $(state '[c.get("edits", 0) for c in d["issue_comments"]["7"] if "lamina:" in c["body"]]') == "[1]" ]] ||
  fail "run 3: the summary comment was not edited once in place"
[[ $(state 'len(d["issue_comments"]["7"])') == 4 ]] || fail "run 3: comments added instead of edited"
[[ $(writes_since "$mark" 'DELETE') == 1 ]] || fail "run 3: expected one deleted review comment"
echo "ok: run 3 (one fixed): one review comment deleted, summary edited in place"

# ---- A fork's read-only token: publishing fails, the verdict does not change ------------------
start_server --read-only
run readonly "${publish[@]}"
[[ $rc == 1 ]] || fail "read-only token: exit $rc, expected the gate's 1"
grep -q 'publish check: FAILED: HTTP 403 .*fork' "$work/readonly.stderr" ||
  fail "read-only token: the failure and its fix are not said: $(cat "$work/readonly.stderr")"
run required "${publish[@]}" --fail-on never --publish-required
[[ $rc == 3 ]] || fail "--publish-required with a failed publish and a passing gate: exit $rc, expected 3"
run optional "${publish[@]}" --fail-on never
[[ $rc == 0 ]] || fail "a failed publish without --publish-required: exit $rc, expected 0"
echo "ok: a read-only token fails publishing (exit unchanged; 3 with --publish-required)"

# ---- Bad input -------------------------------------------------------------------------------
run badlist --publish check,reviews
[[ $rc == 2 ]] || fail "--publish check,reviews: exit $rc, expected 2"
grep -q 'unknown target "reviews" (did you mean .review.?)' "$work/badlist.stderr" ||
  fail "--publish check,reviews: $(cat "$work/badlist.stderr")"
run gitlabtarget --publish discussion
[[ $rc == 2 ]] || fail "--publish discussion on GitHub: exit $rc, expected 2"
echo "ok: unknown and foreign publish targets are refused (exit 2)"

# ---- A fork: its job writes publish.json, a workflow_run job posts it --------------------------
# The read-only run above is the fork's pull_request job: it wrote publish.json next to its SARIF.
folder=$work/readonly
[[ -s $folder/publish.json ]] || fail "the read-only run wrote no publish.json: $(ls "$folder")"
kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=
"$python" - "$work/api/state.json" "$head" <<'PY'
import json, sys
state = json.load(open(sys.argv[1]))
state["pulls"] = {"7": {"number": 7, "state": "open", "head": {"sha": sys.argv[2]}},
                  "8": {"number": 8, "state": "open", "head": {"sha": "8" * 40}}}
json.dump(state, open(sys.argv[1], "w"))
PY
start_server
cat >"$work/run-event.json" <<JSON
{"action":"completed","workflow_run":{"id":5,"event":"pull_request","head_sha":"$head","conclusion":"failure","pull_requests":[]},
 "repository":{"full_name":"octo/demo"}}
JSON
publish_run() {  # publish_run OUT FOLDER ARGS...: lamina publish in a workflow_run job
  local out=$1 dir=$2; shift 2
  (cd "$work" && env -i PATH="$PATH" HOME="$work" CI=true GITHUB_ACTIONS=true \
    GITHUB_EVENT_NAME=workflow_run GITHUB_EVENT_PATH="$work/run-event.json" GITHUB_REPOSITORY=octo/demo \
    GITHUB_API_URL="http://127.0.0.1:$port" GITHUB_TOKEN="$token" GITHUB_SERVER_URL=https://github.com \
    GITHUB_RUN_ID=100 "$lamina" publish --input "$dir" "$@" >"$work/$out.stdout" 2>"$work/$out.stderr") &&
    rc=0 || rc=$?
  ! grep -qF "$token" "$work/$out.stdout" "$work/$out.stderr" || fail "$out: the token appears in lamina's output"
}
runs_before=$(state 'len(d["check_runs"])')
publish_run fork "$folder"
[[ $rc == 0 ]] || fail "lamina publish: exit $rc: $(cat "$work/fork.stderr")"
no_problems
[[ $(state 'len(d["check_runs"])') == $((runs_before + 1)) ]] || fail "lamina publish made no check run"
[[ $(state '[r["conclusion"] for r in d["check_runs"].values()][-1]') == failure ]] ||
  fail "lamina publish: the check run's conclusion is not the fork job's failure"
grep -q 'publish review: 0 review comments created, 0 edited, 1 unchanged' "$work/fork.stderr" ||
  fail "lamina publish: the review comments are not the same ones: $(cat "$work/fork.stderr")"
echo "ok: a fork's publish.json posted from a workflow_run job"

forged() {  # forged NAME PYTHON-EDIT EXPECTED-MESSAGE: a changed publish.json is refused (exit 2)
  rm -rf "$work/$1" && cp -r "$folder" "$work/$1"
  "$python" -c "import json,sys; p=sys.argv[1]; d=json.load(open(p)); $2; json.dump(d, open(p,'w'))" "$work/$1/publish.json"
  local mark
  mark=$(wc -l <"$work/api/requests.jsonl")
  publish_run "$1.run" "$work/$1"
  [[ $rc == 2 ]] || fail "forged publish.json ($1): exit $rc, expected 2: $(cat "$work/$1.run.stderr")"
  grep -q "$3" "$work/$1.run.stderr" || fail "forged publish.json ($1): $(cat "$work/$1.run.stderr")"
  [[ $(writes_since "$mark" .) == 0 ]] || fail "forged publish.json ($1): something was posted"
}
forged other-pr 'd["pr_number"] = 8' 'pull request #8 has head 8888'
forged other-head 'd["head_sha"] = "9" * 40' 'is not the head commit of the run'
forged bad-path 'd["findings"][0]["path"] = "../../etc/passwd"' 'findings\[\].path'
forged bad-target 'd["targets"] = ["check", "discussion"]' 'GitLab target'
echo "ok: a publish.json naming another pull request or head, or holding a path outside, is refused"
(cd "$work" && env -i PATH="$PATH" GITHUB_ACTIONS=true GITHUB_EVENT_NAME=pull_request "$lamina" publish --input "$folder" \
  >/dev/null 2>"$work/notrun.stderr") && rc=0 || rc=$?
[[ $rc == 2 ]] && grep -q 'workflow_run' "$work/notrun.stderr" || fail "lamina publish outside workflow_run: exit $rc"
echo "ok: lamina publish refuses to run outside a workflow_run job"

# ---- A wrong token (401) and a line GitHub does not count as part of the diff (422) -----------
start_server --token ghs_someoneElsesToken000000000
run wrongtoken --publish check --fail-on never
[[ $rc == 0 ]] || fail "a wrong token: exit $rc, expected the gate's 0"
grep -q 'publish check: FAILED: HTTP 401 from POST /repos/octo/demo/check-runs: Bad credentials' "$work/wrongtoken.stderr" ||
  fail "a wrong token: $(grep 'publish' "$work/wrongtoken.stderr")"
start_server --diff-lines "a.txt:2,a.txt:4"
pull_request 'BAD zero\nBAD one\nfine\nfine\n'
run outside --publish review
grep -q 'publish review: 0 review comments created, 0 edited, 1 unchanged, .*1 refused by GitHub (line not in the diff)' "$work/outside.stderr" ||
  fail "a 422 for a line outside the diff: $(grep 'publish' "$work/outside.stderr")"
echo "ok: a wrong token (401) fails publishing with GitHub's message; a 422 line outside the diff is counted, not fatal"
