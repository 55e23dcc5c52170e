#!/usr/bin/env bash
# The pre-commit hook scans what is being committed (issue 20, item 1): the real `pre-commit`
# (Debian's package) runs the hook of this repository's .pre-commit-hooks.yaml on a repository
# with a finding committed earlier. A staged clean change passes; a staged secret fails, also when
# the working tree's copy of that file is clean; a clean staged copy passes though the working
# tree's copy holds the secret. Without secretlint installed it is skipped with a note, unless
# --require names it.
set -euo pipefail
lamina=$(realpath "$1")
source_dir=$(realpath "$2")
fail() { echo "FAIL: $*" >&2; exit 1; }
command -v pre-commit >/dev/null || { echo "skip: pre-commit is not installed (scripts/bootstrap)"; exit 77; }
path=/usr/bin:/bin
[[ -d $source_dir/node_modules/.bin ]] && path=$source_dir/node_modules/.bin:$path
secretlint=$(PATH=$path command -v secretlint || command -v secretlint) ||
  { echo "skip: secretlint is not installed (npm ci)"; exit 77; }
path=$(dirname "$secretlint"):$path

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin" "$work/home" "$work/tmp"
ln -s "$lamina" "$work/bin/lamina"
git_id=(-c user.name=t -c user.email=t@example.com)

# The hook's manifest, from this source tree, in a repository of its own (pre-commit clones it).
hooks=$work/hooks
git init -q -b main "$hooks"
cp "$source_dir/.pre-commit-hooks.yaml" "$hooks/"
git -C "$hooks" add . && git -C "$hooks" "${git_id[@]}" commit -q -m hooks
rev=$(git -C "$hooks" rev-parse HEAD)

repo=$work/repo
git init -q -b main "$repo"
secret='const token = "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";'
printf 'hello\n' >"$repo/README.md"
printf 'repos:\n  - repo: %s\n    rev: %s\n    hooks:\n      - id: lamina\n' "$hooks" "$rev" \
  >"$repo/.pre-commit-config.yaml"
git -C "$repo" add . && git -C "$repo" "${git_id[@]}" commit -q -m init
# The old finding is on the feature branch, two commits back: a scan of the branch would see it.
git -C "$repo" checkout -q -b feature
printf '%s\n' "$secret" >"$repo/old.js"
git -C "$repo" add . && git -C "$repo" "${git_id[@]}" commit -q -m 'old finding'
printf 'more\n' >>"$repo/README.md"
git -C "$repo" add . && git -C "$repo" "${git_id[@]}" commit -q -m 'another commit'

run_env=(env -i PATH="$work/bin:$path" HOME="$work/home" TMPDIR="$work/tmp"
  PRE_COMMIT_HOME="$work/pre-commit-home")
hook() { (cd "$repo" && "${run_env[@]}" pre-commit run lamina >"$work/out" 2>&1) && rc=0 || rc=$?; }
staged() { (cd "$repo" && "${run_env[@]}" lamina scan --staged "$@" >"$work/out" 2>&1) && rc=0 || rc=$?; }

# 1. A staged clean change, an old finding in HEAD: passes.
printf 'world\n' >>"$repo/README.md"
git -C "$repo" add README.md
hook
[[ $rc == 0 ]] || fail "a clean staged change failed the hook (exit $rc): $(cat "$work/out")"
grep -q 'Passed' "$work/out" || fail "pre-commit did not report the hook passed: $(cat "$work/out")"
echo "ok: pre-commit passes a clean staged change though HEAD has an old finding"

# 2. A staged secret: fails, and names the file.
printf 'x\n%s\n' "$secret" >"$repo/new.js"
git -C "$repo" add new.js
hook
[[ $rc == 1 ]] || fail "a staged secret did not fail the hook (exit $rc): $(cat "$work/out")"
grep -q 'new.js' "$work/out" || fail "the hook's output does not name new.js: $(cat "$work/out")"
! grep -q 'old.js' "$work/out" || fail "the hook reported the committed old.js: $(cat "$work/out")"
echo "ok: pre-commit fails a staged secret"

# 3. The staged copy holds the secret, the working tree's copy is clean: still fails (through
#    pre-commit, which stashes unstaged changes, and lamina alone, which reads the index).
printf 'x\nconst token = process.env.TOKEN;\n' >"$repo/new.js"
hook
[[ $rc == 1 ]] || fail "staged secret, clean working tree: the hook passed (exit $rc): $(cat "$work/out")"
grep -q 'new.js' "$work/out" || fail "staged secret, clean working tree: new.js not named: $(cat "$work/out")"
[[ $(cat "$repo/new.js") == *process.env.TOKEN* ]] || fail "pre-commit did not restore the working tree's copy"
staged
[[ $rc == 1 ]] || fail "lamina scan --staged read the working tree's clean copy (exit $rc): $(cat "$work/out")"
grep -q 'new.js:2' "$work/out" || fail "lamina scan --staged: no finding at new.js:2: $(cat "$work/out")"
! grep -q 'lamina-staged-' "$work/out" || fail "a finding names the temporary tree, not the repository path: $(cat "$work/out")"
echo "ok: a staged secret fails even when the working tree's copy is clean; paths are the repository's"

# 4. The reverse: clean staged copy, secret only in the working tree: passes.
git -C "$repo" add new.js
printf 'x\n%s\n' "$secret" >"$repo/new.js"
staged
[[ $rc == 0 ]] || fail "lamina scan --staged scanned the working tree's copy (exit $rc): $(cat "$work/out")"
echo "ok: a secret only in the working tree does not fail the staged scan"

# 5. Not installed: skipped with a note in --staged mode; --require makes it a scanner failure.
git -C "$repo" checkout -q -- new.js 2>/dev/null || true
printf 'y\n' >>"$repo/README.md" && git -C "$repo" add README.md
(cd "$repo" && env -i PATH="$work/bin:/usr/bin:/bin" HOME="$work/home" TMPDIR="$work/tmp" \
  lamina scan --staged >"$work/out" 2>&1) && rc=0 || rc=$?
[[ $rc == 0 ]] || fail "a missing secretlint blocked a staged scan (exit $rc): $(cat "$work/out")"
grep -q 'not installed.*secretlint' "$work/out" || fail "no note that secretlint is not installed: $(cat "$work/out")"
(cd "$repo" && env -i PATH="$work/bin:/usr/bin:/bin" HOME="$work/home" TMPDIR="$work/tmp" \
  lamina scan --staged --require secretlint >"$work/out" 2>&1) && rc=0 || rc=$?
[[ $rc == 3 ]] || fail "--require secretlint without secretlint: exit $rc, not 3: $(cat "$work/out")"
echo "ok: a scanner not installed is skipped under --staged unless --require names it"

# 6. --staged names its own range.
staged --all
[[ $rc == 2 ]] && grep -q -- '--staged .*cannot be combined with --all' "$work/out" ||
  fail "--staged --all: exit $rc: $(cat "$work/out")"
echo "ok: --staged with --all is exit 2"
