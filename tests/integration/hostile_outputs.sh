#!/usr/bin/env bash
# A hostile change against lamina's outputs (issue 13 items 3, 6, 7, 8, 9), each attack committed
# in a real git repository (or built as a real archive) and lamina run as a GitHub Actions step:
#   placeholder  a file named config{out}.js holding a token is scanned under its own name;
#   out-link     a committed `lamina-out` symlink: exit 2, nothing written where it points;
#   out-tracked  a committed lamina-out/lamina.sarif: exit 2, and that SARIF is gone;
#   tmp-link     symlinks at the report names and at the old temporary name are replaced (lamina
#                runs as PID 1, as in the Docker action, where unshare allows it);
#   early-exit   a bad configuration (exit 2) leaves no earlier lamina.sarif to upload;
#   commands     file names `##[stop-commands]...`, `::notice ...::` and a CR start no command
#                the runner obeys (checked with tests/tools/workflow_commands.py, a port of the
#                runner's parser): every obeyed command is an annotation of a SARIF result;
#   member-name  an artifact whose member name holds a newline is refused (exit 2), not unpacked;
#   typos        4 MB of typos: codespell is failed past the findings limit (exit 3), with peak
#                RSS, wall time and log size printed and bounded.
set -euo pipefail
lamina=$(realpath "$1")
source_dir=$(realpath "$2")
tools=$source_dir/tests/tools
python=/usr/bin/python3
fail() { echo "FAIL: $*" >&2; exit 1; }

for tool in git codespell jq "$python"; do
  command -v "$tool" >/dev/null || { echo "SKIP: $tool is not installed" >&2; exit 77; }
done
path=/usr/local/bin:/usr/bin:/bin
[[ -d $source_dir/node_modules/.bin ]] && path=$source_dir/node_modules/.bin:$path
PATH=$path command -v secretlint >/dev/null || { echo "SKIP: secretlint is not installed" >&2; exit 77; }

root=$(mktemp -d)
trap '[[ -n ${LAMINA_KEEP_TEST_DIR:-} ]] && echo "kept $root" >&2 || rm -rf "$root"' EXIT

new_repo() {  # name: a repository with one commit, README.md; echoes its path
  local repo=$root/$1/repo
  mkdir -p "$repo" "$root/$1/runner"
  git -C "$repo" init -q -b main
  git -C "$repo" config user.email t@example.com
  git -C "$repo" config user.name test
  echo "# project" >"$repo/README.md"
  git -C "$repo" add -A && git -C "$repo" commit -qm base
  echo "$repo"
}
commit() {  # repo, message
  git -C "$1" add -A && git -C "$1" commit -qm "$2"
}
# lamina as a GitHub Actions step of a manually started run (every tracked file is scanned).
run_lamina() {  # case-name, lamina arguments...; echoes the exit code
  local name=$1 repo=$root/$1/repo
  shift
  (cd "$repo" && env -i PATH="$path" HOME="$root" TMPDIR="$root" LANG=C.UTF-8 NODE_PATH="$source_dir/node_modules" \
    GITHUB_ACTIONS=true GITHUB_EVENT_NAME=workflow_dispatch GITHUB_WORKSPACE="$repo" \
    GITHUB_SHA="$(git -C "$repo" rev-parse HEAD)" GITHUB_REPOSITORY=octo/outputs \
    GITHUB_STEP_SUMMARY="$root/$name/runner/summary.md" GITHUB_OUTPUT="$root/$name/runner/output" \
    "$python" "$tools/run_measured.py" --stats "$root/$name/stats.json" \
    --stdout "$root/$name/stdout" --stderr "$root/$name/stderr" --ceiling 300 -- \
    ${launcher[@]+"${launcher[@]}"} "$lamina" scan "$@")
  jq -r .exit "$root/$name/stats.json"
}
token='const token = "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";'

# placeholder: the file is given to secretlint as it is named, and its token is found.
repo=$(new_repo placeholder)
echo "$token" >"$repo/config{out}.js"
commit "$repo" "a file named like a placeholder"
code=$(run_lamina placeholder --out "$root/placeholder/out")
uris=$(jq -r '.runs[] | select(.tool.driver.name == "secretlint") | .results[].locations[].physicalLocation.artifactLocation.uri' \
  "$root/placeholder/out/lamina.sarif")
grep -qx 'config%7Bout%7D.js\|config{out}.js' <<<"$uris" \
  || fail "placeholder: no secretlint finding in config{out}.js (exit $code; uris: $uris; $(cat "$root/placeholder/stderr"))"
[[ $code == 1 ]] || fail "placeholder: exit $code, expected 1 (the token gates)"
echo "ok: placeholder: config{out}.js scanned under its own name, its token found, exit 1"

# out-link: a committed lamina-out symlink to a folder outside the checkout.
repo=$(new_repo out-link)
mkdir -p "$root/out-link/elsewhere"
ln -s "$root/out-link/elsewhere" "$repo/lamina-out"
commit "$repo" "lamina-out points elsewhere"
code=$(run_lamina out-link)
[[ $code == 2 ]] || fail "out-link: exit $code, expected 2"
grep -q 'report directory ".*lamina-out": cannot write there (a symlink or a file, not a folder)' \
  "$root/out-link/stderr" || fail "out-link: message: $(cat "$root/out-link/stderr")"
[[ -z $(ls -A "$root/out-link/elsewhere") ]] || fail "out-link: lamina wrote through the symlink"
echo "ok: out-link: exit 2 naming the symlink, nothing written where it points"

# out-tracked: the change commits lamina-out/lamina.sarif (and a symlink at the temporary name).
repo=$(new_repo out-tracked)
mkdir -p "$repo/lamina-out"
echo '{"version": "2.1.0", "runs": [], "forged": true}' >"$repo/lamina-out/lamina.sarif"
ln -s "$root/out-tracked/victim" "$repo/lamina-out/lamina.sarif.lamina-tmp-1"
echo untouched >"$root/out-tracked/victim"
commit "$repo" "a report of our own"
code=$(run_lamina out-tracked)
[[ $code == 2 ]] || fail "out-tracked: exit $code, expected 2"
grep -q 'report directory ".*lamina-out": git tracks it' "$root/out-tracked/stderr" \
  || fail "out-tracked: message: $(cat "$root/out-tracked/stderr")"
[[ ! -e $repo/lamina-out/lamina.sarif ]] || fail "out-tracked: the committed lamina.sarif survived"
[[ $(cat "$root/out-tracked/victim") == untouched ]] || fail "out-tracked: the symlink was written through"
echo "ok: out-tracked: exit 2 (git tracks the folder), the committed lamina.sarif removed"

# tmp-link: symlinks at every report name and at the temporary name an earlier lamina used.
repo=$(new_repo tmp-link)
mkdir -p "$root/tmp-link/out"
echo untouched >"$root/tmp-link/victim"
for name in lamina.sarif lamina.sarif.lamina-tmp-1 gl-code-quality-report.json gl-sast-report.json; do
  ln -s "$root/tmp-link/victim" "$root/tmp-link/out/$name"
done
# lamina is PID 1 in the Docker action: an older lamina wrote "lamina.sarif.lamina-tmp-<pid>".
launcher=()
unshare --pid --fork true 2>/dev/null && launcher=(unshare --pid --fork)
code=$(run_lamina tmp-link --out "$root/tmp-link/out")
launcher=()
[[ $code == 0 ]] || fail "tmp-link: exit $code, expected 0: $(cat "$root/tmp-link/stderr")"
[[ $(cat "$root/tmp-link/victim") == untouched ]] || fail "tmp-link: a symlink was written through"
[[ -f $root/tmp-link/out/lamina.sarif && ! -L $root/tmp-link/out/lamina.sarif ]] \
  || fail "tmp-link: lamina.sarif is not a file of this run"
jq -e '.version == "2.1.0"' "$root/tmp-link/out/lamina.sarif" >/dev/null || fail "tmp-link: bad SARIF"
echo "ok: tmp-link: every planted symlink replaced, none written through"

# early-exit: an earlier run's report, then a run that stops at a bad configuration.
repo=$(new_repo early-exit)
printf 'fail_on: sometimes\n' >"$repo/.lamina.yml"
commit "$repo" "bad configuration"
mkdir -p "$root/early-exit/out"
echo '{"stale": true}' >"$root/early-exit/out/lamina.sarif"
code=$(run_lamina early-exit --out "$root/early-exit/out")
[[ $code == 2 ]] || fail "early-exit: exit $code, expected 2"
[[ ! -e $root/early-exit/out/lamina.sarif ]] || fail "early-exit: the earlier lamina.sarif survived"
echo "ok: early-exit: exit 2 and no lamina.sarif left to upload"

# commands: file names and messages the runner would read as commands.
repo=$(new_repo commands)
names=('##[stop-commands]pwn.txt' '::notice title=forged::forged.txt' $'a\r::warning title=forged::b.txt'
       $'x#\u00ad#[error]forged.txt' '  ::error::forged.txt')
for name in "${names[@]}"; do printf 'teh recieve\n' >"$repo/$name"; done
commit "$repo" "hostile names"
code=$(run_lamina commands --out "$root/commands/out")
# Typos are below the gate; a scanner that cannot read a name with a CR in it may fail (exit 3).
[[ $code == 0 || $code == 3 ]] || fail "commands: exit $code, expected 0 or 3: $(cat "$root/commands/stderr")"
"$python" - "$tools" "$root/commands" <<'EOF'
import json, sys
sys.path.insert(0, sys.argv[1])
import workflow_commands as wc
case = sys.argv[2]
sarif = json.load(open(f"{case}/out/lamina.sarif"))
uris = {wc.unescape(loc["physicalLocation"]["artifactLocation"]["uri"])
        for run in sarif["runs"] for r in run["results"] for loc in r["locations"]}
problems = []
annotations = 0
for stream in ("stdout", "stderr"):
    text = open(f"{case}/{stream}", encoding="utf-8", errors="replace").read()
    commands, found = wc.commands_outside_stop_blocks(text)
    problems += [f"{stream}: {p}" for p in found]
    for line in commands:
        name, props, _ = wc.parse_command(line)
        if name in ("group", "endgroup"):
            continue
        if name not in ("error", "warning", "notice") or "file" not in props:
            problems.append(f"{stream}: a command lamina did not write: {line!r}")
            continue
        annotations += 1
for p in problems:
    print("FAIL:", p)
if not annotations:
    print("FAIL: no annotation obeyed at all")
print(f"{annotations} annotation(s) obeyed, {len(uris)} file(s) in the SARIF")
sys.exit(1 if problems or not annotations else 0)
EOF
[[ $(grep -c . "$root/commands/stdout") -gt 5 ]] || fail "commands: no findings list printed"
echo "ok: commands: the runner obeys only lamina's annotations"

# member-name: a real tarball whose member name holds a newline.
mkdir -p "$root/member-name"
repo=$(new_repo member-name)
"$python" - "$root/member-name/app.tar" <<'EOF'
import io, sys, tarfile
with tarfile.open(sys.argv[1], "w", format=tarfile.GNU_FORMAT) as tar:
    for name, data in (("app/ok.txt", b"fine\n"), ("app/x\n/etc/passwd", b"X5O!P%@AP\n")):
        info = tarfile.TarInfo(name)
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
EOF
code=$(run_lamina member-name --layer pre-deploy --artifact "$root/member-name/app.tar" --out "$root/member-name/out")
[[ $code == 2 ]] || fail "member-name: exit $code, expected 2: $(cat "$root/member-name/stderr")"
grep -q 'entry "app/x?/etc/passwd": control character (newline, tab, escape...) in the path' \
  "$root/member-name/stderr" || fail "member-name: message: $(cat "$root/member-name/stderr")"
echo "ok: member-name: exit 2 naming the entry, nothing scanned"

# typos: a committed 4 MB file of typos.
repo=$(new_repo typos)
"$python" -c 'import sys; sys.stdout.write("teh recieve adress\n" * (4 * 1024 * 1024 // 19))' >"$repo/typos.txt"
commit "$repo" "4 MB of typos"
code=$(run_lamina typos --out "$root/typos/out")
rss=$(jq -r .own_max_rss_kib "$root/typos/stats.json")
wall=$(jq -r .wall_seconds "$root/typos/stats.json")
log=$(($(stat -c %s "$root/typos/stdout") + $(stat -c %s "$root/typos/stderr")))
echo "typos: exit $code, peak RSS ${rss} KiB, wall ${wall} s, log ${log} bytes"
[[ $code == 3 ]] || fail "typos: exit $code, expected 3 (codespell failed past the limit)"
grep -q 'codespell .*more than the limit of 20000 per scanner' "$root/typos/stdout" \
  || fail "typos: no line says codespell went past the limit"
jq -e '[.runs[] | select(.tool.driver.name == "codespell") | .results[]] | length == 20000' \
  "$root/typos/out/lamina.sarif" >/dev/null || fail "typos: the SARIF does not hold exactly 20000 findings"
((rss < 1024 * 1024)) || fail "typos: peak RSS ${rss} KiB, bound 1 GiB"
((log < 16 * 1024 * 1024)) || fail "typos: log of ${log} bytes, bound 16 MiB"
echo "ok: typos: codespell failed past the limit, bounded"
