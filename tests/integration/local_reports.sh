#!/usr/bin/env bash
# A local run scans the working tree, and lamina's own report folder is in it (untracked): the
# second run must not scan the first run's reports (issue 20, item 2). Also with --out elsewhere
# inside the repository; a folder that merely starts with the same name is still scanned.
set -euo pipefail
lamina=$1
fail() { echo "FAIL: $*" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
repo=$work/repo
mkdir -p "$repo"
git -C "$repo" init -q -b main
git -C "$repo" -c user.name=t -c user.email=t@example.com commit -q --allow-empty -m init
mkdir -p "$repo/sub" "$repo/lamina-out-notes"
printf 'x\n' >"$repo/sub/new.txt"
printf 'x\n' >"$repo/lamina-out-notes/kept.txt"
plan() { (cd "$repo" && env -i PATH="$PATH" HOME="$work" "$lamina" plan "$@" 2>&1); }
scan() { (cd "$repo" && env -i PATH="$PATH" HOME="$work" "$lamina" scan --layer inline --fail-on never "$@" >/dev/null 2>&1) || true; }

# Outside CI the reports go to the git directory by default, and the run says where.
(cd "$repo" && env -i PATH="$PATH" HOME="$work" "$lamina" scan --layer inline --fail-on never >"$work/out" 2>&1) || true
[[ -f $repo/.git/lamina/out/lamina.sarif ]] || fail "a local scan wrote no .git/lamina/out/lamina.sarif: $(cat "$work/out")"
[[ ! -e $repo/lamina-out ]] || fail "a local scan created lamina-out/ in the working tree"
grep -q "report: $repo/.git/lamina/out/lamina.sarif" "$work/out" || fail "the scan does not say where its reports are: $(cat "$work/out")"
# In CI (CI=true, GitHub or GitLab) the default stays lamina-out/, where jobs upload it.
(cd "$repo" && env -i PATH="$PATH" HOME="$work" CI=true "$lamina" scan --layer inline --fail-on never >/dev/null 2>&1) || true
[[ -f $repo/lamina-out/lamina.sarif ]] || fail "with CI=true the scan wrote no lamina-out/lamina.sarif"
echo "ok: outside CI the reports default to .git/lamina/out, in CI to lamina-out/"

scan --out lamina-out
[[ -f $repo/lamina-out/lamina.sarif ]] || fail "the first local scan wrote no lamina-out/lamina.sarif"
out=$(plan)
grep -q 'report folder lamina-out/ left out of the change' <<<"$out" || fail "no note about the report folder: $out"
! grep -q 'lamina-out/lamina.sarif\|lamina-out/gl-' <<<"$out" || fail "the plan scans lamina's own reports: $out"
grep -q 'added  sub/new.txt' <<<"$out" || fail "an untracked file of the change is missing: $out"
grep -q 'added  lamina-out-notes/kept.txt' <<<"$out" || fail "a folder named like the report folder was left out: $out"
echo "ok: the default report folder is left out of a local run's change"

scan --out build/reports
scan --out build/reports
sarif=$repo/build/reports/lamina.sarif
[[ -f $sarif ]] || fail "no $sarif"
grep -q 'sub/new.txt' "$sarif" || fail "the second run's SARIF does not name the changed file (the check below would prove nothing)"
! grep -q 'build/reports/' "$sarif" || fail "the second run scanned the first run's reports: $(grep -o '"[^"]*build/reports/[^"]*"' "$sarif" | sort -u | head)"
echo "ok: an --out inside the repository is left out of the change of the next run"

# --only / --skip pick scanners for one run; an unknown id is exit 2 with the near miss.
out=$(plan --only codespell)
grep -q 'disabled by --only' <<<"$out" || fail "--only: the other scanners are not turned off: $out"
! grep -q 'codespell.*disabled by' <<<"$out" || fail "--only codespell turned codespell off: $out"
out=$(plan --skip codespell)
grep -q 'disabled by --skip' <<<"$out" || fail "--skip: $out"
(cd "$repo" && env -i PATH="$PATH" HOME="$work" "$lamina" plan --skip codespel >/dev/null 2>"$work/err") && rc=0 || rc=$?
[[ $rc == 2 ]] && grep -q "no scanner \"codespel\" (did you mean 'codespell'?)" "$work/err" ||
  fail "--skip codespel: exit $rc, $(cat "$work/err")"
echo "ok: --only and --skip pick scanners for one run; an unknown one is exit 2 with the near miss"
