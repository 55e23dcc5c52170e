#!/usr/bin/env bash
# README's scanner table is `lamina scanners --markdown` of the built-in catalog: this fails when
# the catalog changed and the README did not (regenerate with scripts/readme-scanners LAMINA).
set -euo pipefail
lamina=$(realpath "$1")
src=$(realpath "$2")
fail() { echo "FAIL: $*" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$src/README.md" "$work/README.md"
mkdir "$work/empty"
table=$(env -i PATH=/usr/bin:/bin "$lamina" scanners --markdown -C "$work/empty")
[[ $(grep -c '^| ' <<<"$table") -gt 10 ]] || fail "lamina scanners --markdown printed no table: $table"
bash "$src/scripts/readme-scanners" "$lamina" "$work/README.md"
diff -u "$src/README.md" "$work/README.md" >"$work/diff" ||
  fail "README.md's scanner table differs from lamina scanners --markdown (run scripts/readme-scanners $lamina):
$(head -40 "$work/diff")"
grep -qF '| [ShellCheck](https://www.shellcheck.net) (`shellcheck`) | lint |' "$src/README.md" ||
  fail "README.md's scanner table has no shellcheck row"
echo "ok: README.md's scanner table is the catalog's ($(grep -c '^| \[' <<<"$table") entries)"
