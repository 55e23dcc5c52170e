#!/usr/bin/env bash
# Faults around a real `lamina scan` (README "Exit codes"): a disk that fills while reports are
# written, an unwritable $GITHUB_STEP_SUMMARY, scanners killed like the OOM killer kills them or
# starved by a memory limit, and lamina itself receiving SIGTERM while a scanner runs. Each must
# give a clear message, the documented exit code, and no report that looks complete when it is not.
set -euo pipefail
lamina=$(realpath "$1")
source_dir=$(realpath "$2")
run_measured=$source_dir/tests/tools/run_measured.py
python=/usr/bin/python3
fail() { echo "FAIL: $*" >&2; exit 1; }
for tool in git jq "$python"; do
  command -v "$tool" >/dev/null || { echo "SKIP: $tool is not installed" >&2; exit 77; }
done

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
repo=$root/repo
mkdir -p "$repo/tools"

# Custom scanners, each on target.txt. `clean` reports one finding below the gate; `killed` is
# SIGKILLed half-way through its SARIF, as the OOM killer would; `starved` runs under a 256 MiB
# address-space limit and asks for 1 GiB; `slow` records its process group and sleeps with a child.
cat >"$repo/tools/clean.py" <<'EOF'
import json
result = {"ruleId": "R1", "level": "note", "message": {"text": "a note " + "x" * 2000},
          "locations": [{"physicalLocation": {"artifactLocation": {"uri": "target.txt"},
                                              "region": {"startLine": 1}}}]}
print(json.dumps({"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "clean"}},
                                                "results": [result]}]}))
EOF
cat >"$repo/tools/killed.py" <<'EOF'
import os, signal, sys
sys.stdout.write('{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "killed"}}, "results": [')
sys.stdout.flush()
os.kill(os.getpid(), signal.SIGKILL)
EOF
cat >"$repo/tools/starved.py" <<'EOF'
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, (256 << 20, 256 << 20))
sys.stdout.write('{"version": "2.1.0", "runs": [')
sys.stdout.flush()
hoard = bytearray(1 << 30)
EOF
cat >"$repo/tools/slow.py" <<'EOF'
import os, subprocess, sys, time
child = subprocess.Popen(["sleep", "300"])
with open(sys.argv[1] + ".tmp", "w") as f:
    f.write(f"{os.getpgid(0)} {child.pid}\n")
os.rename(sys.argv[1] + ".tmp", sys.argv[1])
time.sleep(300)
EOF

scanner() {  # id, script, extra argv...
  local id=$1 script=$2
  shift 2
  printf '  %s:\n    layer: inline\n    files: ["*.txt"]\n' "$id"
  printf '    command: [python3, tools/%s' "$script"
  for a in "$@"; do printf ', "%s"' "$a"; done
  printf ', "{files}"]\n    output: {from: stdout, format: sarif}\n    timeout: 2m\n'
}
configure() {  # scanner definitions: the .lamina.yml of the next commit
  printf 'exclude: ["tools/**", .lamina.yml]\nscanners:\n  codespell: {enabled: false}\n  secretlint: {enabled: false}\n%s\n' "$1" \
    >"$repo/.lamina.yml"
  git -C "$repo" add -A && git -C "$repo" commit -qm "configure"
}
git -C "$repo" init -q -b main
git -C "$repo" config user.email t@example.com
git -C "$repo" config user.name test
echo "plain text" >"$repo/target.txt"

# lamina as a GitHub Actions step on a manually started run (every tracked file), no token needed.
run_lamina() {  # case-name, run_measured options... -- (lamina scan runs with --out $root/$case/out)
  local name=$1
  shift
  mkdir -p "$root/$name/runner"
  local opts=()
  while [[ $1 != -- ]]; do opts+=("$1"); shift; done
  (cd "$repo" && env -i PATH=/usr/local/bin:/usr/bin:/bin HOME="$root" TMPDIR="$root" \
    GITHUB_ACTIONS=true GITHUB_EVENT_NAME=workflow_dispatch GITHUB_WORKSPACE="$repo" \
    GITHUB_SHA="$(git -C "$repo" rev-parse HEAD)" GITHUB_REPOSITORY=octo/faults \
    GITHUB_STEP_SUMMARY="${summary:-$root/$name/runner/summary.md}" \
    GITHUB_OUTPUT="$root/$name/runner/output" \
    "$python" "$run_measured" --stats "$root/$name/stats.json" --stdout "$root/$name/stdout" \
    --stderr "$root/$name/stderr" --ceiling 300 "${opts[@]}" -- \
    "$lamina" scan --out "$root/$name/out")
  jq -r .exit "$root/$name/stats.json"
}
output_value() {  # case-name, output name: the value lamina wrote to $GITHUB_OUTPUT
  awk -v n="$2" '$0 ~ "^"n"<<" {d=substr($0, length(n)+3); getline; print; exit}' \
    "$root/$1/runner/output"
}

# (a) The disk fills while reports are written: a 3000-byte file-size limit lets the GitLab
# reports through but not the SARIF. An earlier run's SARIF must not survive to be uploaded.
configure "$(scanner clean clean.py)"
mkdir -p "$root/disk-full/out"
echo '{"stale": true}' >"$root/disk-full/out/lamina.sarif"
code=$(run_lamina disk-full --fsize 3000 --)
[[ $code == 2 ]] || fail "disk full: exit $code, expected 2; stderr: $(cat "$root/disk-full/stderr")"
grep -q "^lamina: cannot write $root/disk-full/out/lamina.sarif: File too large" \
  "$root/disk-full/stderr" || fail "disk full: no message naming the SARIF: $(cat "$root/disk-full/stderr")"
[[ ! -e $root/disk-full/out/lamina.sarif ]] || fail "disk full: a lamina.sarif is left behind"
leftover=$(find "$root/disk-full/out" -name '*lamina-tmp*')
[[ -z $leftover ]] || fail "disk full: temporary files left: $leftover"
for f in "$root"/disk-full/out/*.json; do
  jq -e . "$f" >/dev/null || fail "disk full: $f is not complete JSON"
done
echo "ok: disk full: exit 2, $(grep -c . "$root/disk-full/stderr") stderr line(s), no SARIF left"

# (b) $GITHUB_STEP_SUMMARY points where nothing can be written: the message names the variable and
# the path, the SARIF, the outputs and the annotations are still written.
summary=$root/no-such-dir/summary.md
code=$(run_lamina bad-summary --)
unset summary
[[ $code == 2 ]] || fail "unwritable summary: exit $code, expected 2"
grep -q "^lamina: cannot write \$GITHUB_STEP_SUMMARY $root/no-such-dir/summary.md: No such file" \
  "$root/bad-summary/stderr" || fail "unwritable summary: message: $(cat "$root/bad-summary/stderr")"
jq -e '[.runs[] | select(.properties["lamina/state"] != "skipped")] | length == 1' "$root/bad-summary/out/lamina.sarif" >/dev/null ||
  fail "unwritable summary: no SARIF"
[[ $(output_value bad-summary gate) == pass ]] || fail "unwritable summary: no gate output"
grep -q '^::notice file=target.txt,line=1' "$root/bad-summary/stdout" ||
  fail "unwritable summary: no annotation"
echo "ok: unwritable step summary: exit 2, the other reports written"

# (c) Scanners killed by SIGKILL (the OOM killer's signal) or starved by a memory limit, with half
# a SARIF on stdout: scanner failures in the SARIF, the summary and the outputs, never a pass.
configure "$(scanner killed killed.py; scanner starved starved.py)"
code=$(run_lamina oom --)
[[ $code == 3 ]] || fail "killed scanners: exit $code, expected 3; $(cat "$root/oom/stdout")"
for id in killed starved; do
  jq -e --arg id "$id" '[.runs[] | select(.automationDetails.id | contains("/" + $id + "/"))
    | .invocations[0].executionSuccessful] == [false]' "$root/oom/out/lamina.sarif" >/dev/null ||
    fail "killed scanners: $id is not a failed run in the SARIF"
  grep -q "^| $id | failed |" "$root/oom/runner/summary.md" ||
    fail "killed scanners: $id is not failed in the summary: $(grep "$id" "$root/oom/runner/summary.md")"
done
grep -q "killed by signal 9" "$root/oom/stdout" "$root/oom/stderr" ||
  fail "killed scanners: the signal is not named"
[[ $(output_value oom gate) == scanner-failure ]] || fail "killed scanners: gate $(output_value oom gate)"
[[ $(output_value oom failed-scanners) == killed,starved || $(output_value oom failed-scanners) == starved,killed ]] ||
  fail "killed scanners: failed-scanners $(output_value oom failed-scanners)"
echo "ok: killed and starved scanners: exit 3, both failed in SARIF, summary and outputs"

# (d) SIGTERM to lamina while a scanner runs: the scanner's whole process group is gone, exit 143,
# a message, and the reports say they are incomplete (no Code Quality report, which cannot).
configure "$(scanner slow slow.py "$root/slow-started")"
code=$(run_lamina sigterm --term-when-exists "$root/slow-started" --)
[[ $code == 143 ]] || fail "SIGTERM: exit $code, expected 143"
read -r pgid grandchild <"$root/slow-started"
sleep 0.2
if kill -0 -- "-$pgid" 2>/dev/null || kill -0 "$grandchild" 2>/dev/null; then
  fail "SIGTERM: the scanner's process group $pgid survived lamina"
fi
grep -q "INCOMPLETE: lamina was interrupted" "$root/sigterm/stdout" || fail "SIGTERM: no verdict"
grep -q "^lamina: interrupted by SIGTERM: every scanner was stopped; the reports are marked incomplete" \
  "$root/sigterm/stderr" || fail "SIGTERM: no message on stderr"
grep -q "cancelled: lamina received SIGTERM" "$root/sigterm/stdout" "$root/sigterm/stderr" ||
  fail "SIGTERM: the signal is not named"
jq -e '[.runs[].invocations[0].toolExecutionNotifications[]?.message.text]
  | index("lamina was interrupted: this report is incomplete") != null' \
  "$root/sigterm/out/lamina.sarif" >/dev/null || fail "SIGTERM: the SARIF is not marked incomplete"
jq -e '.runs | all(.invocations | all(.executionSuccessful == false))' \
  "$root/sigterm/out/lamina.sarif" >/dev/null || fail "SIGTERM: a SARIF run claims success"
[[ ! -e $root/sigterm/out/gl-code-quality-report.json ]] || fail "SIGTERM: a Code Quality report"
jq -e '.scan.status == "failure"' "$root/sigterm/out/gl-sast-report.json" >/dev/null ||
  fail "SIGTERM: the GitLab SAST report does not say failure"
[[ $(output_value sigterm gate) == incomplete ]] || fail "SIGTERM: gate $(output_value sigterm gate)"
grep -q "lamina was interrupted" "$root/sigterm/runner/summary.md" || fail "SIGTERM: summary"
echo "ok: SIGTERM: exit 143, process group $pgid gone, reports marked incomplete"
