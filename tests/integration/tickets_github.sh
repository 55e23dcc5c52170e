#!/usr/bin/env bash
# --publish tickets on a scheduled continuous scan against the local GitHub API
# (tests/tools/fake_platform_api.py): the first run opens a ticket per finding with labels, a due
# date from tickets.sla and the CODEOWNERS assignee; an unchanged run writes nothing; fixing a
# finding closes exactly its ticket; bringing it back reopens it; a ticket closed with the won't-fix
# label stays closed; past tickets.max_new the rest are counted in one summary ticket; --dry-run
# writes tickets-plan.json and changes nothing.
set -euo pipefail
lamina=$1
src=$2
fail() { echo "FAIL: $*" >&2; exit 1; }
token=ghs_ticketsTestToken0123456789abcdef
# shellcheck source=tests/tools/publish_test_lib.sh
source "$src/tests/tools/publish_test_lib.sh"

cat >>"$repo/.lamina.yml" <<'YML'
tickets:
  sla: {sev2: 7d}
  max_new: 3
YML
mkdir -p "$repo/.github"
printf '*.txt @alice\n/a.txt @bob @octo/security\n' >"$repo/.github/CODEOWNERS"
g checkout -q -B main "$base"
commit() {  # commit CONTENT: a.txt on the default branch
  printf '%b' "$1" >"$repo/a.txt"
  g add -A && g commit -qm "a.txt" && head=$(g rev-parse HEAD)
}
run() {  # run OUT ARGS...: the scheduled continuous scan, publishing tickets
  local out=$1; shift
  (cd "$repo" && env -i PATH="$PATH" HOME="$work" CI=true GITHUB_ACTIONS=true \
    GITHUB_EVENT_NAME=schedule GITHUB_SHA="$head" GITHUB_REF=refs/heads/main \
    GITHUB_REPOSITORY=octo/demo GITHUB_WORKSPACE="$repo" GITHUB_API_URL="http://127.0.0.1:$port" \
    GITHUB_TOKEN="$token" "$lamina" scan --layer continuous --all --publish tickets --out "$work/$out" "$@" \
    >"$work/$out.stdout" 2>"$work/$out.stderr") && rc=0 || rc=$?
  ! grep -rqF "$token" "$work/$out.stdout" "$work/$out.stderr" "$work/$out" || fail "$out: the token leaked"
  grep -q 'publish tickets: ' "$work/$out.stderr" || fail "$out: tickets not published: $(cat "$work/$out.stderr")"
}
issues() { state "sorted((i['title'].split(' in ')[1], i['state']) for i in d.get('issues', {}).values())"; }
start_server

commit 'BAD one\nBAD two\n'
run first
no_problems
[[ $(issues) == "[('a.txt:1', 'open'), ('a.txt:2', 'open')]" ]] || fail "run 1: $(issues)"
issue=$(state '[i for i in d["issues"].values() if i["title"].endswith("a.txt:1")][0]')
for want in "'lamina'" "'lamina:sev2'" "'scanner:bad-words'" "'login': 'bob'" "Due $(date -u -d '+7 days' +%Y-%m-%d) (sev2: 7 days)" "First seen in $head" "<!-- lamina:ticket:"; do
  grep -qF "$want" <<<"$issue" || fail "run 1: the ticket lacks $want: $issue"
done
grep -qF "@octo/security" <<<"$issue" && fail "run 1: a team became an assignee"
[[ -s $work/first/tickets-plan.json ]] || fail "run 1: no tickets-plan.json"
echo "ok: run 1: two tickets, labelled, due in 7 days (sev2 SLA), assigned to bob by CODEOWNERS"

mark=$(wc -l <"$work/api/requests.jsonl")
commit 'BAD one\nBAD two\n\n'
run second
[[ $(writes_since "$mark" .) == 0 ]] || fail "run 2 (unchanged findings) wrote: $(tail -n +"$((mark + 1))" "$work/api/requests.jsonl" | grep -v GET)"
echo "ok: run 2 (findings unchanged): no write"

commit 'BAD one\n'
run third
no_problems
[[ $(issues) == "[('a.txt:1', 'open'), ('a.txt:2', 'closed')]" ]] || fail "run 3: $(issues)"
state 'd["issue_comments"]' | grep -q "The finding is gone in $head" || fail "run 3: no closing comment naming the commit"
echo "ok: run 3 (one fixed): exactly its ticket closed, with a comment naming the commit"

commit 'BAD one\nBAD two\n'
run fourth
[[ $(issues) == "[('a.txt:1', 'open'), ('a.txt:2', 'open')]" ]] || fail "run 4: $(issues)"
echo "ok: run 4 (finding back): its ticket reopened"

# A person closes the first ticket as won't fix.
kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=
"$python" - "$work/api/state.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
for i in d["issues"].values():
    if i["title"].endswith("a.txt:1"):
        i["state"] = "closed"
        i["labels"].append({"name": "lamina:wontfix"})
json.dump(d, open(sys.argv[1], "w"))
PY
start_server
mark=$(wc -l <"$work/api/requests.jsonl")
run fifth
[[ $(writes_since "$mark" .) == 0 ]] || fail "run 5 reopened a won't-fix ticket: $(tail -n +"$((mark + 1))" "$work/api/requests.jsonl" | grep -v GET)"
echo "ok: run 5: a ticket closed as won't fix stays closed"

mark=$(wc -l <"$work/api/requests.jsonl")
commit 'BAD one\nBAD two\nBAD 3\nBAD 4\nBAD 5\nBAD 6\nBAD 7\n'
run dry --dry-run
[[ $(writes_since "$mark" .) == 0 ]] || fail "--dry-run wrote to the API"
"$python" -c "import json,sys; p=json.load(open(sys.argv[1])); assert [a['change'] for a in p['actions']].count('open') == 3 and p['over_cap'] == 2, p" "$work/dry/tickets-plan.json" ||
  fail "--dry-run plan: $(cat "$work/dry/tickets-plan.json")"
echo "ok: --dry-run: tickets-plan.json says 3 to open, 2 over the cap; nothing written"

run capped
no_problems
[[ $(state 'len([i for i in d["issues"].values() if i["state"] == "open" and " in a.txt:" in i["title"]])') == 4 ]] ||
  fail "cap: $(issues)"
[[ $(state '[i["body"].split(" more")[0] for i in d["issues"].values() if "without a ticket" in i["title"]]') == "['2']" ]] ||
  fail "cap: no summary ticket counting the 2 over the cap: $(state 'd["issues"]')"
echo "ok: past tickets.max_new (3) the other 2 findings are counted in one summary ticket"
grep -q 'publish tickets: 3 opened, .*open tickets: sev1 0, sev2 4, sev3 0' "$work/capped.stderr" ||
  fail "no SLA report of open tickets by severity: $(grep 'publish tickets' "$work/capped.stderr")"
# A ticket past its due date is counted as such.
kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=
"$python" - "$work/api/state.json" <<'PY'
import json, re, sys
d = json.load(open(sys.argv[1]))
for i in d["issues"].values():
    if i["title"].endswith("a.txt:2"):
        i["body"] = re.sub(r"Due \d{4}-\d{2}-\d{2}", "Due 2020-01-01", i["body"])
json.dump(d, open(sys.argv[1], "w"))
PY
start_server
run late
grep -q 'publish tickets: 2 opened, .*open tickets: sev1 0, sev2 6 (1 past due), sev3 0' "$work/late.stderr" ||
  fail "a past-due ticket is not counted: $(grep "publish tickets" "$work/late.stderr") $(issues) $(cat "$work/late/tickets-plan.json")"
[[ $(state '[i["state"] for i in d["issues"].values() if "without a ticket" in i["title"]]') == "['closed']" ]] ||
  fail "the summary ticket is not closed once every finding has its own"
echo "ok: the over-cap findings get tickets on the next run and the summary ticket closes; the SLA report counts open tickets by severity and those past due"

# lamina tickets --input: a SARIF made elsewhere (here: an earlier run's) filed the same way.
mark=$(wc -l <"$work/api/requests.jsonl")
(cd "$repo" && env -i PATH="$PATH" HOME="$work" CI=true GITHUB_ACTIONS=true GITHUB_EVENT_NAME=schedule \
  GITHUB_SHA="$head" GITHUB_REF=refs/heads/main GITHUB_REPOSITORY=octo/demo GITHUB_WORKSPACE="$repo" \
  GITHUB_API_URL="http://127.0.0.1:$port" GITHUB_TOKEN="$token" \
  "$lamina" tickets --input "$work/late/lamina.sarif" --out "$work/from-sarif" --dry-run \
  >"$work/from-sarif.stdout" 2>"$work/from-sarif.stderr") && rc=0 || rc=$?
grep -q 'publish tickets: dry run: would have 0 opened' "$work/from-sarif.stderr" ||
  fail "lamina tickets --input: $(cat "$work/from-sarif.stderr")"
[[ $(writes_since "$mark" .) == 0 ]] || fail "lamina tickets --dry-run wrote to the API"
echo "ok: lamina tickets --input files a SARIF's findings the same way (dry run: nothing new to open)"
