#!/usr/bin/env bash
# The change set on real repositories and real events (issue 14 items 2, 3, 9, 10; issue 13 items
# 4 and 9): each situation is committed with the git CLI, run through `lamina scan` or `lamina
# plan` with the runner's environment, and checked for the findings the gate counts and the exit
# code. The scanners are the real bandit and secretlint.
#   a. A PR adds a copy of a module it also edits, with four `debug=True` (bandit sev1): every
#      line of the new file counts (no copy detection), the gate fails.
#   b. GitHub `push` creating a branch (`before` all zeros) from a depth-1 clone that lacks the
#      default branch: it is fetched by name, the clone deepened to the merge base, both said on
#      the console; the new file's finding is counted.
#   c. A force push whose `before` commit is gone from the remote: the same fallback.
#   d. GitLab branch pipeline with CI_COMMIT_BEFORE_SHA all zeros, from a depth-1 clone.
#   e. --no-fetch prints a fix command that works when pasted.
#   f. One NUL byte in a .js file and a PR's .gitattributes (`* linguist-generated`, `*.js -diff`,
#      `* binary`) do not hide the secret in it from secretlint.
#   g. A Git LFS pointer named .py is not given to bandit, and the plan says why.
#   h. A 43-byte pathological .gitattributes pattern does not slow planning.
set -euo pipefail
lamina=$(realpath "$1")
source_dir=$(realpath "$2")
fail() { echo "FAIL: $*" >&2; exit 1; }
export PATH="$source_dir/node_modules/.bin:$PATH"
for tool in git jq bandit secretlint; do
  command -v "$tool" >/dev/null || { echo "SKIP: $tool is not installed" >&2; exit 77; }
done
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.com GIT_COMMITTER_NAME=t \
  GIT_COMMITTER_EMAIL=t@example.com GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1

commit() { git -C "$1" add -A && git -C "$1" commit -qm "$2" && git -C "$1" rev-parse HEAD; }
module() {  # a clean Python module of 30 lines
  for i in $(seq 1 30); do echo "VALUE_$i = $i"; done
}
debug_lines() {
  printf 'from flask import Flask\napp = Flask(__name__)\n'
  for i in 1 2 3 4; do echo "app.run(debug=True)  # $i"; done
}
# Findings the gate counted, from lamina.sarif (results lamina marked as counted).
counted() {
  [ -f "$1" ] || { echo "0 (no $1)"; return; }
  jq '[.runs[].results[] | select(.properties["lamina/counted"] == true)] | length' "$1"
}
run_lamina() {  # dir, out, then env assignments..., -- lamina args...
  local dir=$1 out=$2
  shift 2
  local envs=()
  while [ "$1" != "--" ]; do envs+=("$1"); shift; done
  shift
  local reports=()
  [ "$1" = scan ] && reports=(--out "$out")
  set +e
  (cd "$dir" && env -i PATH="$PATH" HOME="$root" TMPDIR="$root" GIT_CONFIG_GLOBAL=/dev/null \
    GIT_CONFIG_NOSYSTEM=1 "${envs[@]}" "$lamina" "$@" "${reports[@]}") \
    >"$out.stdout" 2>"$out.stderr"
  echo $? >"$out.rc"
  set -e
}

# ---- a. a copy of an edited module is all added ---------------------------------------------
# legacy.py has had four `debug=True` for long (not on added lines: not counted); the PR edits
# it and adds app_v2.py, a copy of it. Copy detection made app_v2.py's lines "not added".
a=$root/a
git init -q -b main "$a"
{ debug_lines; module; } >"$a/legacy.py"
base=$(commit "$a" base)
{ debug_lines; module; } >"$a/app_v2.py"
echo "VALUE_31 = 31" >>"$a/legacy.py"
head=$(commit "$a" "copy with debug")
run_lamina "$a" "$root/a-out" -- scan --base "$base" --head "$head"
[ "$(cat "$root/a-out.rc")" = 1 ] || fail "a: exit $(cat "$root/a-out.rc"), expected 1: $(cat "$root/a-out.stderr")"
n=$(counted "$root/a-out/lamina.sarif")
[ "$n" = 4 ] || fail "a: $n counted findings, expected app_v2.py's four debug=True"
echo "a. copy of an edited module: exit $(cat "$root/a-out.rc"), $n findings counted"

# ---- the remote for b-e: main with a clean module, a branch adding debug=True ----------------
origin=$root/origin.git
git init -q --bare -b main "$origin"
seed=$root/seed
git clone -q "file://$origin" "$seed" 2>/dev/null
git -C "$seed" checkout -q -b main
module >"$seed/app.py"
commit "$seed" "main 1" >/dev/null
for i in $(seq 2 80); do echo "# $i" >>"$seed/app.py"; commit "$seed" "main $i" >/dev/null; done
git -C "$seed" push -q origin main
git -C "$seed" checkout -q -b feature
debug_lines >"$seed/feature.py"
commit "$seed" "feature 1" >/dev/null
for i in 2 3 4; do echo "# $i" >>"$seed/feature.py"; commit "$seed" "feature $i" >/dev/null; done
git -C "$seed" push -q origin feature
feature_tip=$(git -C "$seed" rev-parse HEAD)
# main moves on after the fork, so the merge base is not main's tip.
git -C "$seed" checkout -q main
echo "# later" >>"$seed/app.py"
commit "$seed" "main later" >/dev/null
git -C "$seed" push -q origin main

payload() {  # before, after, ref, forced -> a push payload edited from the real one
  jq --arg before "$1" --arg after "$2" --arg ref "$3" --argjson forced "$4" \
    '.before = $before | .after = $after | .ref = $ref | .forced = $forced | .created = ($before | test("^0+$"))
     | .base_ref = null | .repository.default_branch = "main"' \
    "$source_dir/tests/data/github-events/push.new-branch.2.json"
}
github_env() {  # workspace, payload file, sha
  echo GITHUB_ACTIONS=true GITHUB_EVENT_NAME=push GITHUB_EVENT_PATH="$2" GITHUB_SHA="$3" \
    GITHUB_WORKSPACE="$1" GITHUB_REPOSITORY=octo/app GITHUB_REF=refs/heads/feature
}
zeros=0000000000000000000000000000000000000000

# ---- b. GitHub push creating the branch, depth-1 clone ---------------------------------------
b=$root/b
git clone -q --depth 1 --branch feature "file://$origin" "$b" 2>/dev/null
git -C "$b" rev-parse -q --verify refs/remotes/origin/main >/dev/null && fail "b: the clone has main"
payload "$zeros" "$feature_tip" refs/heads/feature false >"$root/b.json"
# shellcheck disable=SC2046
run_lamina "$b" "$root/b-out" $(github_env "$b" "$root/b.json" "$feature_tip") -- scan
[ "$(cat "$root/b-out.rc")" = 1 ] || fail "b: exit $(cat "$root/b-out.rc"): $(cat "$root/b-out.stderr")"
grep -q "^lamina: Fetched the branch main (the diff base) by name from \`origin\`, which the clone lacked, 1 commit deep" \
  "$root/b-out.stderr" || fail "b: no console line for the branch fetch: $(cat "$root/b-out.stderr")"
grep -q "^lamina: Deepened the shallow clone by 50 commits from \`origin\` to find the merge base" \
  "$root/b-out.stderr" || fail "b: no console line for the deepening: $(cat "$root/b-out.stderr")"
n=$(counted "$root/b-out/lamina.sarif")
[ "$n" -ge 4 ] || fail "b: $n counted findings"
jq -e '[.runs[].results[].locations[0].physicalLocation.artifactLocation.uri] | all(. == "feature.py")' \
  "$root/b-out/lamina.sarif" >/dev/null || fail "b: findings outside feature.py (main's later commit counted?)"
echo "b. GitHub push creating a branch from a depth-1 clone: exit $(cat "$root/b-out.rc"), $n findings counted"

# ---- c. force push whose before is gone ------------------------------------------------------
git -C "$seed" checkout -q feature
git -C "$seed" commit -q --amend -m "feature 4, reworded"
git -C "$seed" push -q --force origin feature
forced_tip=$(git -C "$seed" rev-parse HEAD)
git -C "$origin" reflog expire --expire=now --all
git -C "$origin" gc -q --prune=now
c=$root/c
git clone -q --depth 1 --branch feature "file://$origin" "$c" 2>/dev/null
payload "$feature_tip" "$forced_tip" refs/heads/feature true >"$root/c.json"
# shellcheck disable=SC2046
run_lamina "$c" "$root/c-out" $(github_env "$c" "$root/c.json" "$forced_tip") -- scan
[ "$(cat "$root/c-out.rc")" = 1 ] || fail "c: exit $(cat "$root/c-out.rc"): $(cat "$root/c-out.stderr")"
grep -q "^lamina: Fetched the branch main (the fallback diff base)" "$root/c-out.stderr" ||
  fail "c: the fallback branch was not fetched: $(cat "$root/c-out.stderr")"
n=$(counted "$root/c-out/lamina.sarif")
[ "$n" -ge 4 ] || fail "c: $n counted findings"
echo "c. force push whose before is gone: exit $(cat "$root/c-out.rc"), $n findings counted"

# ---- d. GitLab branch pipeline, CI_COMMIT_BEFORE_SHA all zeros -------------------------------
d=$root/d
git clone -q --depth 1 --branch feature "file://$origin" "$d" 2>/dev/null
run_lamina "$d" "$root/d-out" GITLAB_CI=true CI_PIPELINE_SOURCE=push CI_COMMIT_SHA="$forced_tip" \
  CI_COMMIT_BEFORE_SHA="$zeros" CI_COMMIT_BRANCH=feature CI_DEFAULT_BRANCH=main \
  CI_PROJECT_DIR="$d" CI_PROJECT_PATH=group/app -- scan
[ "$(cat "$root/d-out.rc")" = 1 ] || fail "d: exit $(cat "$root/d-out.rc"): $(cat "$root/d-out.stderr")"
grep -q "^lamina: Fetched the branch main" "$root/d-out.stderr" || fail "d: no fetch line"
n=$(counted "$root/d-out/lamina.sarif")
[ "$n" -ge 4 ] || fail "d: $n counted findings"
echo "d. GitLab new-branch pipeline from a depth-1 clone: exit $(cat "$root/d-out.rc"), $n findings counted"

# ---- e. --no-fetch: the printed fix works when pasted ----------------------------------------
e=$root/e
git clone -q --depth 1 --branch feature "file://$origin" "$e" 2>/dev/null
payload "$zeros" "$forced_tip" refs/heads/feature false >"$root/e.json"
# shellcheck disable=SC2046
run_lamina "$e" "$root/e-out" $(github_env "$e" "$root/e.json" "$forced_tip") -- scan --no-fetch
[ "$(cat "$root/e-out.rc")" = 2 ] || fail "e: exit $(cat "$root/e-out.rc"), expected 2"
# shellcheck disable=SC2016  # backquotes are the message's, not the shell's
fix=$(grep -o 'run `git fetch[^`]*`' "$root/e-out.stderr" | head -1 | sed 's/^run `//; s/`$//')
[ -n "$fix" ] || fail "e: no fix command in: $(cat "$root/e-out.stderr")"
(cd "$e" && bash -c "$fix" 2>/dev/null) || fail "e: the printed fix failed: $fix"
# shellcheck disable=SC2046
run_lamina "$e" "$root/e-out2" $(github_env "$e" "$root/e.json" "$forced_tip") -- scan --no-fetch
[ "$(cat "$root/e-out2.rc")" = 1 ] || fail "e: after \`$fix\`: exit $(cat "$root/e-out2.rc"): $(cat "$root/e-out2.stderr")"
echo "e. --no-fetch prints \`$fix\`; pasted, the scan then runs: exit 1"

# ---- f. a NUL byte and the PR's .gitattributes hide nothing from secretlint ------------------
f=$root/f
git init -q -b main "$f"
echo "// base" >"$f/index.js"
base=$(commit "$f" base)
printf '* linguist-generated\n*.js -diff\n* binary\n' >"$f/.gitattributes"
printf 'const key = "x";\x00\nconst aws_secret_access_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEZ";\n' \
  >"$f/config.js"
head=$(commit "$f" "hide a secret")
run_lamina "$f" "$root/f-out" -- scan --base "$base" --head "$head"
[ "$(cat "$root/f-out.rc")" = 1 ] || fail "f: exit $(cat "$root/f-out.rc"): $(cat "$root/f-out.stdout")"
jq -e '[.runs[] | select(.tool.driver.name | test("secretlint"; "i")) | .results[]
        | .locations[0].physicalLocation.artifactLocation.uri] | index("config.js") != null' \
  "$root/f-out/lamina.sarif" >/dev/null || fail "f: no secretlint finding on config.js"
echo "f. NUL byte and PR .gitattributes: secretlint finds the key, exit $(cat "$root/f-out.rc"), $(counted "$root/f-out/lamina.sarif") counted"

# ---- g. a Git LFS pointer is not given to bandit, and the plan says so -----------------------
g=$root/g
git init -q -b main "$g"
echo "# base" >"$g/README.md"
base=$(commit "$g" base)
printf 'version https://git-lfs.github.com/spec/v1\noid sha256:%064d\nsize 12345\n' 0 >"$g/model.py"
head=$(commit "$g" "lfs pointer")
run_lamina "$g" "$root/g-out" -- plan --json --base "$base" --head "$head"
[ "$(cat "$root/g-out.rc")" = 0 ] || fail "g: exit $(cat "$root/g-out.rc"): $(cat "$root/g-out.stderr")"
jq -e '.scanners[] | select(.id == "bandit") | .files | length == 0' "$root/g-out.stdout" \
  >/dev/null || fail "g: bandit was given the LFS pointer: $(cat "$root/g-out.stdout")"
grep -q "1 Git LFS pointer file is passed only to scanners that read any content" \
  "$root/g-out.stdout" || fail "g: the plan does not explain the LFS pointer"
echo "g. LFS pointer: not given to bandit, explained in the plan"

# ---- h. a pathological .gitattributes pattern does not slow planning -------------------------
# 43 bytes of `**/` against a 121-byte path: git's and libgit2's matchers take minutes (so the
# commit is made with plumbing: `git add` would hang matching it), lamina never asks for it.
h=$root/h
git init -q -b main "$h"
printf 'a = 1\nb = 2\nc = 3\nd = 4\ne = 5\n' >"$h/old.py"
base=$(commit "$h" base)
deep=$(printf 'a/%.0s' $(seq 1 60))
mkdir -p "$h/$deep"
git -C "$h" mv old.py "${deep}a.py"
echo "f = 6" >>"$h/${deep}a.py"
commit "$h" "deep rename" >/dev/null
pattern="$(printf '**/%.0s' $(seq 1 14))b diff=x"
blob=$(printf '%s\n' "$pattern" | git -C "$h" hash-object -w --stdin)
tree=$( (git -C "$h" ls-tree HEAD; printf '100644 blob %s\t.gitattributes\n' "$blob") | git -C "$h" mktree)
head=$(git -C "$h" commit-tree "$tree" -p HEAD -m "pathological attributes")
git -C "$h" update-ref HEAD "$head"
printf '%s\n' "$pattern" >"$h/.gitattributes"
start=$(date +%s)
run_lamina "$h" "$root/h-out" -- plan --base "$base" --head "$head"
took=$(($(date +%s) - start))
[ "$(cat "$root/h-out.rc")" = 0 ] || fail "h: exit $(cat "$root/h-out.rc"): $(cat "$root/h-out.stderr")"
[ "$took" -lt 30 ] || fail "h: planning took $took s"
echo "h. pathological .gitattributes: planned in $took s"
echo "PASS"
