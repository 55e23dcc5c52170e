#!/usr/bin/env bash
# Pre-deploy end to end on a directory artifact with the real clamscan and a custom EICAR
# signature database made here (the official one cannot be downloaded offline):
#  - the EICAR file (.hdb) and a marker string (.ndb) are sev1 findings at their paths in the
#    artifact, the gate fails (exit 1);
#  - fail-fast (on by default for pre-deploy) stops a slow second scanner, reported as stopped by
#    fail-fast (not as a pass, not as a failure that hides the gate), and its process is gone;
#  - --on-fail runs exactly its argv (no shell) with the result in its environment, only when the
#    scan did not pass; a failing or missing rollback command is reported and exit 1 stays.
set -euo pipefail
lamina=$(realpath "$1")
src=$(realpath "$2")
fail() { echo "FAIL: $*" >&2; exit 1; }
for tool in clamscan python3; do
  command -v "$tool" >/dev/null || { echo "SKIP: $tool is not installed" >&2; exit 77; }
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
repo=$work/repo
git init -q "$repo"
git -C "$repo" -c user.name=t -c user.email=t@t commit -q --allow-empty -m init

# The build output lamina is asked to check: dist/, untracked, as a build leaves it.
mkdir -p "$repo/dist/static" "$work/clamav"
# shellcheck disable=SC2016 # the EICAR string, literally
eicar='X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*'
printf '%s' "$eicar" >"$repo/dist/static/eicar.com"
echo "console.log('fine')" >"$repo/dist/app.js"
marker=LAMINA-TEST-MALWARE-MARKER
printf 'var a = 1;\n/* %s */\n' "$marker" >"$repo/dist/bundle.js"
# Custom signatures: the EICAR file's md5:size (.hdb), and the marker anywhere in a file (.ndb).
echo "$(md5sum <"$repo/dist/static/eicar.com" | cut -d' ' -f1):${#eicar}:Test.EICAR.Hash" \
  >"$work/clamav/eicar.hdb"
echo "Test.Marker.Body:0:*:$(printf '%s' "$marker" | od -An -tx1 | tr -d ' \n')" \
  >"$work/clamav/marker.ndb"

# A second pre-deploy scanner that takes far longer than clamscan. Its sleep has an odd duration
# so the check below finds exactly this process.
nap=29.${RANDOM}7
printf '#!/bin/sh\nexec sleep %s\n' "$nap" >"$work/slow-scanner"
chmod +x "$work/slow-scanner"
cat >"$work/lamina.yml" <<YAML
scanners:
  clamscan:
    args: [-d, "$work/clamav"]
  slow-check:
    layer: pre-deploy
    scope: artifact
    command: ["$work/slow-scanner", "{artifact}"]
    output: {from: stdout, format: sarif}
    exit_codes: [0]
    timeout: 2m
YAML
# The --on-fail cases below need no slow scanner.
head -3 "$work/lamina.yml" >"$work/clamscan-only.yml"
config=$work/lamina.yml

scan() {  # scan NAME LAMINA_ARGS...: runs lamina in the repository; prints its exit code
  local name=$1 rc=0
  shift
  (cd "$repo" && env -i "PATH=$PATH" "HOME=$work" LANG=C.UTF-8 "$lamina" scan --layer pre-deploy \
    --config "$config" --jobs 2 --out "$work/$name" "$@") \
    >"$work/$name.stdout" 2>"$work/$name.stderr" || rc=$?
  echo "$rc"
}
sarif_check() {  # sarif_check FILE PYTHON: asserts on `runs`
  python3 - "$1" "$2" <<'PY'
import json, sys
runs = json.load(open(sys.argv[1]))["runs"]
exec(sys.argv[2])
PY
}
show() { cat "$work/$1.stdout" "$work/$1.stderr"; }

# 1. Malware in the artifact: sev1 at its path inside dist/, the gate fails; the slow scanner was
#    stopped by fail-fast, and its process is gone by the time lamina exits.
rc=$(scan infected --artifact dist)
[[ $rc -eq 1 ]] || fail "infected artifact: exit $rc, expected 1: $(show infected)"
if pgrep -f "sleep $nap" >/dev/null; then fail "the slow scanner still runs after lamina exited"; fi
sarif_check "$work/infected/lamina.sarif" "
by_id = {r['automationDetails']['id']: r for r in runs}
assert all(i.startswith('lamina/pre-deploy/') for i in by_id), list(by_id)
clam = by_id['lamina/pre-deploy/clamscan/']
hits = sorted((r['ruleId'], r['level'], r['properties']['lamina/severity'],
               r['locations'][0]['physicalLocation']['artifactLocation']['uri'])
              for r in clam['results'])
assert hits == [('Test.EICAR.Hash.UNOFFICIAL', 'error', 'sev1', 'dist/static/eicar.com'),
                ('Test.Marker.Body.UNOFFICIAL', 'error', 'sev1', 'dist/bundle.js')], hits
slow = by_id['lamina/pre-deploy/slow-check/']
inv = slow['invocations'][0]
text = json.dumps(inv)
assert 'fail-fast' in text, inv
assert slow['results'] == [], slow['results']
" || fail "infected artifact: SARIF assertions"
grep -Eq "slow-check +cancelled .*fail-fast after clamscan" "$work/infected.stdout" ||
  fail "summary does not say fail-fast stopped slow-check: $(show infected)"
grep -q "dist/static/eicar.com: sev1 \[clamscan/Test.EICAR" "$work/infected.stdout" ||
  fail "console does not name the file in the artifact: $(show infected)"

config=$work/clamscan-only.yml

# 2. --on-fail after the failed gate: exactly this argv, no shell, the result in its environment.
cat >"$work/rollback" <<'SH'
#!/bin/sh
out=$1
shift
{
  for arg in "$@"; do printf 'arg=%s\n' "$arg"; done
  env | grep '^LAMINA_' | sort
} >"$out"
SH
chmod +x "$work/rollback"
# shellcheck disable=SC2016 # "$(touch pwned)" must reach the command unexpanded
rc=$(scan onfail --artifact dist --on-fail "$work/rollback" "$work/rollback.log" -n prod \
  '$(touch pwned)' "a b" '*')
[[ $rc -eq 1 ]] || fail "--on-fail: exit $rc, expected 1: $(show onfail)"
[[ ! -e $repo/pwned && ! -e $work/pwned ]] || fail "--on-fail went through a shell"
expected="arg=-n
arg=prod
arg=\$(touch pwned)
arg=a b
arg=*
LAMINA_EXIT_CODE=1
LAMINA_FAILED_SCANNERS=0
LAMINA_GATE=fail
LAMINA_LAYER=pre-deploy
LAMINA_SEV1=2
LAMINA_SEV2=0
LAMINA_SEV3=0"
[[ $(cat "$work/rollback.log") == "$expected" ]] ||
  fail "--on-fail saw: $(cat "$work/rollback.log"), expected: $expected"

# 3. A clean artifact passes: the rollback command does not run.
mkdir -p "$repo/clean"
echo "nothing to see" >"$repo/clean/readme.txt"
rm -f "$work/rollback.log"
rc=$(scan clean --artifact clean --on-fail "$work/rollback" "$work/rollback.log")
[[ $rc -eq 0 ]] || fail "clean artifact: exit $rc, expected 0: $(show clean)"
[[ ! -e $work/rollback.log ]] || fail "--on-fail ran although the scan passed"
grep -Eq "clamscan +clean" "$work/clean.stdout" || fail "clamscan not clean: $(show clean)"

# 4. The rollback command fails, or does not exist: said on stderr, the exit code stays 1.
printf '#!/bin/sh\necho rollback broke >&2\nexit 7\n' >"$work/broken-rollback"
chmod +x "$work/broken-rollback"
rc=$(scan broken --artifact dist --on-fail "$work/broken-rollback")
[[ $rc -eq 1 ]] || fail "failing --on-fail: exit $rc, expected 1"
grep -q "rollback broke" "$work/broken.stderr" || fail "the command's stderr is not shown"
grep -q -- "--on-fail \"$work/broken-rollback\" exited with 7; lamina's exit code stays 1" \
  "$work/broken.stderr" || fail "no message for the failing command: $(show broken)"
rc=$(scan missing --artifact dist --on-fail "$work/no-such-rollback" arg)
[[ $rc -eq 1 ]] || fail "missing --on-fail: exit $rc, expected 1"
grep -q -- "--on-fail \"$work/no-such-rollback\" could not start: .*; lamina's exit code stays 1" \
  "$work/missing.stderr" || fail "no message for the missing command: $(show missing)"
rc=$(scan empty --artifact dist --on-fail)
[[ $rc -eq 2 ]] || fail "--on-fail without a command: exit $rc, expected 2"

# 5. A secret baked into the build output: secretlint-artifact (npm, installed by bootstrap).
if PATH="$src/node_modules/.bin:$PATH" command -v secretlint >/dev/null; then
  mkdir -p "$repo/site/js"
  echo 'const token = "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";' >"$repo/site/js/config.js"
  rc=$(PATH="$src/node_modules/.bin:$PATH" scan secret --artifact site)
  [[ $rc -eq 1 ]] || fail "secret in artifact: exit $rc, expected 1: $(show secret)"
  sarif_check "$work/secret/lamina.sarif" "
[run] = [r for r in runs if r['automationDetails']['id'] == 'lamina/pre-deploy/secretlint-artifact/']
[hit] = run['results']
assert hit['properties']['lamina/severity'] == 'sev1', hit
assert hit['locations'][0]['physicalLocation']['artifactLocation']['uri'] == 'site/js/config.js', hit
assert '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' not in json.dumps(runs)
" || fail "secret in artifact: SARIF assertions"
else
  echo "note: secretlint not installed; the artifact secret scan was not run" >&2
fi

echo "ok: EICAR and marker hits in dist/ gate; fail-fast stopped slow-check; --on-fail argv and environment as given"
