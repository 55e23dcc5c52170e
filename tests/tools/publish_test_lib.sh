# Shared by tests/integration/publish_github.sh and publish_gitlab.sh (sourced after `lamina`,
# `src`, `token` and fail() are set): the local API server (tests/tools/fake_platform_api.py), its
# state and request log, and a repository whose one scanner, bad-words, reports every line of a
# .txt file that holds "BAD" (gcc format, error: sev2).
python=/usr/bin/python3
[[ -x $python ]] || python=$(command -v python3)
"$python" -c 'import jsonschema' 2>/dev/null || { echo "SKIP: python3-jsonschema is not installed" >&2; exit 77; }
work=$(mktemp -d)
server_pid=
cleanup() { [[ -z $server_pid ]] || kill "$server_pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

start_server() {  # start_server ARGS...: (re)start the fake API on the same state
  [[ -z $server_pid ]] || { kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; }
  rm -f "$work/api/port"
  "$python" "$src/tests/tools/fake_platform_api.py" "$work/api" --token "$token" "$@" &
  server_pid=$!
  for _ in $(seq 100); do [[ -s $work/api/port ]] && break; sleep 0.1; done
  [[ -s $work/api/port ]] || fail "the fake API did not start"
  port=$(cat "$work/api/port")
}
state() { "$python" -c "import json,sys; d=json.load(open('$work/api/state.json')); print(eval(sys.argv[1]))" "$1"; }
no_problems() {  # every request so far was one the API's description or documentation allows
  ! grep -q '"problems"' "$work/api/requests.jsonl" ||
    fail "requests the platform's API would refuse: $(grep '"problems"' "$work/api/requests.jsonl" | head -5)"
}
writes_since() {  # writes_since N PATTERN: non-GET requests after line N of the log matching PATTERN
  tail -n +"$(($1 + 1))" "$work/api/requests.jsonl" | grep -v '"method": "GET"' | grep -c "$2" || true
}

# The scanner: every line holding "BAD" in a .txt file is a finding (gcc format, error: sev2).
mkdir -p "$work/api" "$work/bin"
cat >"$work/bin/bad_words.py" <<'PY'
import os, sys
for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if "BAD" in line:
                print("%s:%d:1: error: %s [bad-word]" % (path, n, line.strip()))
PY
repo=$work/repo
g() { git -C "$repo" -c user.name=T -c user.email=t@example.com "$@"; }
mkdir -p "$repo"
g init -q -b main
# Only bad-words: the built-in scanners that read .txt files (secrets, typos) are off, so what
# is published does not depend on which of them this machine has.
cat >"$repo/.lamina.yml" <<YML
fail_on: sev3
scanners:
  codespell: {enabled: false}
  secretlint: {enabled: false}
  gitleaks: {enabled: false}
  bad-words:
    layer: [inline, continuous]
    files: ["*.txt"]
    command: [$python, $work/bin/bad_words.py, "{files}"]
    output: {from: stdout, format: gcc}
    exit_codes: [0]
YML
printf 'fine\n' >"$repo/a.txt"
g add -A && g commit -qm base
base=$(g rev-parse HEAD)

