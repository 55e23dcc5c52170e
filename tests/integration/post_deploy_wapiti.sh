#!/usr/bin/env bash
# Post-deploy end to end with real wapiti against tests/data/dast/vuln_server.py on 127.0.0.1:
# the reflected XSS fails the gate (exit 1) with its URL in SARIF; an unreachable target and a
# target that never answers are scanner failures (exit 3), never a pass (wapiti itself exits 0
# for both); a --target-url that is not http(s) is a usage error (exit 2) with no report.
set -euo pipefail
lamina=$1
src=$2
fail() { echo "FAIL: $*" >&2; exit 1; }
for tool in wapiti python3; do
  command -v "$tool" >/dev/null || { echo "SKIP: $tool is not installed" >&2; exit 77; }
done

work=$(mktemp -d)
servers=()
cleanup() {
  for pid in "${servers[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# wapiti builds its wapp module whatever -m says, and that downloads a database unless this file
# exists: with it, nothing but 127.0.0.1 is contacted.
mkdir -p "$work/home/.wapiti/config"
echo '{}' >"$work/home/.wapiti/config/apps.json"
git init -q "$work/repo"
git -C "$work/repo" -c user.name=t -c user.email=t@t commit -q --allow-empty -m init
run_env=(env -i "PATH=$PATH" "HOME=$work/home" LANG=C.UTF-8)

# start_server NAME [--hang]: starts vuln_server.py (not in a subshell, so the trap can stop it)
# and sets $port to the port it listens on.
start_server() {
  local port_file=$work/port.$1
  python3 "$src/tests/data/dast/vuln_server.py" "$port_file" "${@:2}" </dev/null >/dev/null 2>&1 &
  servers+=($!)
  for _ in $(seq 100); do
    [[ -s $port_file ]] && { port=$(cat "$port_file"); return; }
    sleep 0.1
  done
  fail "vuln_server.py ${*:2} did not start"
}

scan() {  # scan OUT_DIR LAMINA_ARGS...: runs lamina in the repository, prints its exit code
  local out=$1
  shift
  local rc=0
  (cd "$work/repo" && "${run_env[@]}" "$lamina" scan --layer post-deploy --out "$out" "$@") \
    >"$out.stdout" 2>"$out.stderr" || rc=$?
  echo "$rc"
}

sarif_check() {  # sarif_check FILE PYTHON: asserts on `runs` (the SARIF runs); prints failures
  python3 - "$1" "$2" <<'PY'
import json, sys
runs = json.load(open(sys.argv[1]))["runs"]
exec(sys.argv[2])
PY
}

schema=$src/tests/data/schemas/sarif-schema-2.1.0.json
[[ -f $schema ]] || fail "no SARIF schema at $schema"
valid_sarif() {
  python3 "$src/tests/tools/validate_json_schema.py" "$schema" "$1" >/dev/null ||
    fail "$1 is not valid SARIF: $(python3 "$src/tests/tools/validate_json_schema.py" "$schema" "$1")"
}

# 1. The vulnerable app: XSS found at its URL, sev1, the gate fails.
start_server vuln
url="http://127.0.0.1:$port/"
rc=$(scan "$work/vuln" --target-url "$url")
[[ $rc -eq 1 ]] || fail "vulnerable target: exit $rc, expected 1: $(cat "$work/vuln.stdout" "$work/vuln.stderr")"
valid_sarif "$work/vuln/lamina.sarif"
sarif_check "$work/vuln/lamina.sarif" "
[run] = [r for r in runs if r['tool']['driver']['name'] == 'Wapiti']
assert run['automationDetails']['id'] == 'lamina/post-deploy/wapiti/', run['automationDetails']
xss = [r for r in run['results'] if r['ruleId'] == 'Cross Site Scripting']
assert len(xss) == 1, run['results']
assert xss[0]['level'] == 'error' and xss[0]['properties']['lamina/severity'] == 'sev1', xss
uri = xss[0]['locations'][0]['physicalLocation']['artifactLocation']
assert uri == {'uri': '${url}search'}, uri
headers = [r['message']['text'] for r in run['results'] if r['ruleId'] == 'HTTP Secure Headers']
assert 'X-Frame-Options is not set' in headers, headers
assert all(r['automationDetails']['id'].startswith('lamina/post-deploy/') for r in runs)
" || fail "vulnerable target: SARIF assertions"
grep -q "sev1 \[wapiti/Cross Site Scripting\] XSS vulnerability" "$work/vuln.stdout" ||
  fail "console does not show the XSS: $(cat "$work/vuln.stdout")"
grep -q "${url}search: sev1" "$work/vuln.stdout" || fail "console does not name the URL"

# 2. Nothing listens on the port: wapiti would exit 0 with no findings; lamina's TCP probe finds
# the target closed, starts no DAST scanner, and reports wapiti as failed.
closed=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# --on-fail runs here too: the deployment was not verified, which is no pass.
rc=$(scan "$work/closed" --target-url "http://127.0.0.1:$closed/" \
  --on-fail python3 -c 'import os, sys; open(sys.argv[1], "w").write(os.environ["LAMINA_GATE"] + " " + os.environ["LAMINA_EXIT_CODE"] + " " + os.environ["LAMINA_FAILED_SCANNERS"])' "$work/closed.rollback")
[[ $rc -eq 3 ]] || fail "closed port: exit $rc, expected 3: $(cat "$work/closed.stdout")"
valid_sarif "$work/closed/lamina.sarif"
sarif_check "$work/closed/lamina.sarif" "
[run] = [r for r in runs if r['tool']['driver']['name'] == 'Wapiti']
assert run['automationDetails']['id'] == 'lamina/post-deploy/wapiti/'
inv = run['invocations'][0]
assert inv['executionSuccessful'] is False, inv
text = json.dumps(inv)
assert 'target http://127.0.0.1:$closed/ is unreachable (connection refused, port $closed)' in text, text
assert 'nothing was scanned' in text, text
" || fail "closed port: SARIF assertions"
grep -Eq "wapiti +failed" "$work/closed.stdout" || fail "summary does not show wapiti failed: $(cat "$work/closed.stdout")"
grep -q "wapiti: started" "$work/closed.stderr" "$work/closed.stdout" && fail "closed port: wapiti was started against a closed target"
[[ $(cat "$work/closed.rollback") == "pass 3 1" ]] || fail "--on-fail after a scanner failure saw: $(cat "$work/closed.rollback" 2>&1)"

# 3. A target that accepts and never answers: lamina's per-scanner timeout ends wapiti.
start_server hang --hang
hung_port=$port
rc=$(scan "$work/hang" --target-url "http://127.0.0.1:$hung_port/" --timeout 3s)
[[ $rc -eq 3 ]] || fail "hanging target: exit $rc, expected 3: $(cat "$work/hang.stdout")"
valid_sarif "$work/hang/lamina.sarif"
sarif_check "$work/hang/lamina.sarif" "
[run] = [r for r in runs if r['tool']['driver']['name'] == 'Wapiti']
assert run['invocations'][0]['executionSuccessful'] is False, run['invocations']
" || fail "hanging target: SARIF assertions"
grep -Eq "wapiti +timed out" "$work/hang.stdout" || fail "summary does not show the timeout: $(cat "$work/hang.stdout")"
if pgrep -f "wapiti -u http://127.0.0.1:$hung_port/" >/dev/null; then
  fail "wapiti still runs after lamina's timeout"
fi

# 4. Not an http(s) URL with a host: exit 2 naming --target-url, and no report at all.
for bad in "file:///etc/passwd" "ftp://127.0.0.1/" "javascript:alert(1)" "http:///etc/passwd" \
  "" "-m"; do
  rc=$(scan "$work/bad" "--target-url=$bad")
  [[ $rc -eq 2 ]] || fail "--target-url '$bad': exit $rc, expected 2"
  grep -q -- "--target-url" "$work/bad.stderr" || fail "'$bad': message does not name --target-url: $(cat "$work/bad.stderr")"
  [[ ! -e $work/bad ]] || fail "'$bad': a report directory was written"
done
echo "ok: XSS gated at ${url}search; closed port and hanging target are scanner failures; bad URLs exit 2"
