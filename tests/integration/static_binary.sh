#!/usr/bin/env bash
# build/lamina is fully static: no NEEDED entries, `file` says so, and `lamina --version` runs in
# an empty chroot that holds nothing but the binary.
set -euo pipefail
lamina=$1
fail() { echo "FAIL: $*" >&2; exit 1; }

file "$lamina" | grep -q "statically linked" || fail "file does not report a static binary: $(file "$lamina")"
needed=$(readelf -d "$lamina" 2>/dev/null | grep -c NEEDED || true)
[[ $needed -eq 0 ]] || fail "$needed NEEDED entries: $(readelf -d "$lamina" | grep NEEDED)"

if [[ $(id -u) -ne 0 ]]; then
  echo "SKIP: the chroot part needs root" >&2
  exit 77
fi
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
cp "$lamina" "$root/lamina"
[[ $(find "$root" -mindepth 1 | wc -l) -eq 1 ]] || fail "chroot is not empty besides the binary"
out=$(chroot "$root" /lamina --version) || fail "lamina --version failed inside the empty chroot"
[[ $out =~ ^lamina\ [0-9]+\.[0-9]+\.[0-9]+\ \(commit\ [0-9a-f]+(-dirty)?,\ libgit2\ [0-9.]+\)$ ]] ||
  fail "unexpected version line: $out"
echo "ok: $out; stripped size $(strip -o "$root/s" "$lamina" && stat -c %s "$root/s") bytes"
