#!/usr/bin/env bash
# The `slim` image (FROM scratch: the static binary and the CA bundle) runs without a network.
set -euo pipefail
src=$2
fail() { echo "FAIL: $*" >&2; exit 1; }
if [[ $(id -u) -ne 0 ]]; then
  echo "SKIP: building and running images needs root (rootful podman)" >&2
  exit 77
fi
[[ ${LAMINA_IMAGES_BUILT:-} == 1 ]] || "$src/scripts/image" --binary "$1" >&2 || fail "scripts/image failed"
podman_cmd=()  # set by scripts/image --env
# shellcheck disable=SC1091  # a path given at run time
source "$src/scripts/image" --env
out=$("${podman_cmd[@]}" run --rm --network none localhost/lamina:slim --version) ||
  fail "lamina --version failed in the slim image"
[[ $out =~ ^lamina\ [0-9]+\.[0-9]+\.[0-9]+\ \(commit\ ([0-9a-f]+(-dirty)?|unknown),\ libgit2\ [0-9.]+\)$ ]] ||
  fail "unexpected version line: $out"
# The build context has no .git: scripts/image passes the commit, which must be this tree's.
if commit=$(git -C "$src" rev-parse --short=12 HEAD 2>/dev/null); then
  [[ -z $(git -C "$src" status --porcelain --untracked-files=no) ]] || commit+=-dirty
  [[ ${BASH_REMATCH[1]} == "$commit" ]] || fail "the image says commit ${BASH_REMATCH[1]}, the source tree is $commit"
  full_out=$("${podman_cmd[@]}" run --rm --network none localhost/lamina:full --version) ||
    fail "lamina --version failed in the full image"
  [[ $full_out == "$out" ]] || fail "the full image says \"$full_out\", the slim one \"$out\""
fi
size=$("${podman_cmd[@]}" image inspect --format '{{.Size}}' localhost/lamina:slim)
((size < 15 * 1000 * 1000)) || fail "slim image is $size bytes, over the 15 MB goal"
echo "ok: $out; slim image $size bytes"
