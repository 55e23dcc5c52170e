#!/usr/bin/env bash
# --publish tickets on a scheduled GitLab pipeline against the local GitLab API
# (tests/tools/fake_platform_api.py: GitLab's documented shapes: labels as a comma-separated
# string, due_date as YYYY-MM-DD, state_event close|reopen): the first run opens an issue per
# finding with labels and due_date from tickets.sla, an unchanged run writes nothing, fixing a
# finding closes exactly its issue with a note, bringing it back reopens it, and an issue closed
# with the won't-fix label stays closed.
set -euo pipefail
lamina=$1
src=$2
fail() { echo "FAIL: $*" >&2; exit 1; }
token=glpat-ticketsTestToken0123456789
# shellcheck source=tests/tools/publish_test_lib.sh
source "$src/tests/tools/publish_test_lib.sh"

cat >>"$repo/.lamina.yml" <<'YML'
tickets:
  sla: {sev2: 3d}
YML
printf '*.txt @carol\n' >"$repo/CODEOWNERS"
g checkout -q -B main "$base"
commit() {
  printf '%b' "$1" >"$repo/a.txt"
  g add -A && g commit -qm "a.txt" && head=$(g rev-parse HEAD)
}
run() {  # run OUT ARGS...: a scheduled pipeline's continuous scan
  local out=$1; shift
  (cd "$repo" && env -i PATH="$PATH" HOME="$work" CI=true GITLAB_CI=true CI_PROJECT_DIR="$repo" \
    CI_PROJECT_PATH=group/project CI_PROJECT_ID=42 CI_SERVER_URL=https://gitlab.example.com \
    CI_API_V4_URL="http://127.0.0.1:$port/api/v4" CI_PIPELINE_SOURCE=schedule CI_COMMIT_SHA="$head" \
    CI_COMMIT_REF_NAME=main CI_COMMIT_BRANCH=main CI_DEFAULT_BRANCH=main LAMINA_GITLAB_TOKEN="$token" \
    "$lamina" scan --layer continuous --all --publish tickets --out "$work/$out" "$@" \
    >"$work/$out.stdout" 2>"$work/$out.stderr") && rc=0 || rc=$?
  ! grep -rqF "$token" "$work/$out.stdout" "$work/$out.stderr" "$work/$out" || fail "$out: the token leaked"
  grep -q 'publish tickets: ' "$work/$out.stderr" || fail "$out: tickets not published: $(cat "$work/$out.stderr")"
}
issues() { state "sorted((i['title'].split(' in ')[1], i['state']) for i in d.get('gitlab_issues', {}).values())"; }
start_server

commit 'BAD one\nBAD two\n'
run first
no_problems
[[ $(issues) == "[('a.txt:1', 'opened'), ('a.txt:2', 'opened')]" ]] || fail "run 1: $(issues) $(cat "$work/first.stderr")"
issue=$(state '[i for i in d["gitlab_issues"].values() if i["title"].endswith("a.txt:1")][0]')
for want in "'lamina:sev2'" "'scanner:bad-words'" "'due_date': '$(date -u -d '+3 days' +%Y-%m-%d)'" "@carol" "<!-- lamina:ticket:"; do
  grep -qF "$want" <<<"$issue" || fail "run 1: the issue lacks $want: $issue"
done
echo "ok: run 1: two issues with labels, due_date in 3 days (sev2 SLA), the CODEOWNERS owner named"

mark=$(wc -l <"$work/api/requests.jsonl")
commit 'BAD one\nBAD two\n\n'
run second
[[ $(writes_since "$mark" .) == 0 ]] || fail "run 2 wrote: $(tail -n +"$((mark + 1))" "$work/api/requests.jsonl" | grep -v GET)"
echo "ok: run 2 (findings unchanged): no write"

commit 'BAD one\n'
run third
no_problems
[[ $(issues) == "[('a.txt:1', 'opened'), ('a.txt:2', 'closed')]" ]] || fail "run 3: $(issues)"
state 'd["gitlab_issue_notes"]' | grep -q "The finding is gone in $head" || fail "run 3: no note naming the commit"
echo "ok: run 3 (one fixed): exactly its issue closed, with a note naming the commit"

commit 'BAD one\nBAD two\n'
run fourth
no_problems
[[ $(issues) == "[('a.txt:1', 'opened'), ('a.txt:2', 'opened')]" ]] || fail "run 4: $(issues)"
echo "ok: run 4 (finding back): its issue reopened"

kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=
"$python" - "$work/api/state.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
for i in d["gitlab_issues"].values():
    if i["title"].endswith("a.txt:1"):
        i["state"] = "closed"
        i["labels"].append("lamina:wontfix")
json.dump(d, open(sys.argv[1], "w"))
PY
start_server
mark=$(wc -l <"$work/api/requests.jsonl")
run fifth
[[ $(writes_since "$mark" .) == 0 ]] || fail "run 5 reopened a won't-fix issue"
echo "ok: run 5: an issue closed as won't fix stays closed"
