#!/usr/bin/env bash
# Installs lamina's static binary from a release and puts it on PATH: downloads
# lamina-<tag>-linux-<arch> and SHA256SUMS, checks the binary's checksum, installs it as
# <dir>/lamina and appends <dir> to $GITHUB_PATH (when set). Nothing is installed when the
# checksum is missing or wrong.
#   LAMINA_VERSION      release tag or version (v0.1.0 or 0.1.0)
#   LAMINA_BASE_URL     where the releases are: https://github.com/<owner>/<repo>/releases/download
#                       (then <base>/<tag>/<asset>), or a local folder / file:// URL holding the
#                       assets themselves (tests, mirrors)
#   LAMINA_INSTALL_DIR  where the binary goes (default: $RUNNER_TEMP/lamina-bin or ~/.local/bin)
set -euo pipefail
fail() { echo "lamina setup: $*" >&2; exit 1; }
version=${LAMINA_VERSION:?set LAMINA_VERSION (e.g. v0.1.0)}
tag=v${version#v}
base=${LAMINA_BASE_URL:-https://github.com/lamina-dev/lamina/releases/download}
dir=${LAMINA_INSTALL_DIR:-${RUNNER_TEMP:-$HOME/.local}/lamina-bin}
case $(uname -m) in
  x86_64 | amd64) arch=x86_64 ;;
  aarch64 | arm64) arch=arm64 ;;
  *) fail "no lamina binary for $(uname -m): releases carry linux-x86_64 and linux-arm64" ;;
esac
[[ $(uname -s) == Linux ]] || fail "no lamina binary for $(uname -s): releases carry Linux binaries"
asset=lamina-$tag-linux-$arch

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fetch() { # fetch NAME: the release asset NAME into $work
  local name=$1
  case $base in
    file://*) cp -- "${base#file://}/$name" "$work/$name" ;;
    /*) cp -- "$base/$name" "$work/$name" ;;
    https://*) curl -fsSL --retry 3 --proto '=https' -o "$work/$name" "$base/$tag/$name" ;;
    *) fail "LAMINA_BASE_URL $base: expected https://..., file://... or an absolute folder" ;;
  esac || fail "cannot fetch $name from $base"
}
fetch SHA256SUMS
fetch "$asset"
line=$(awk -v a="$asset" '$2 == a || $2 == "*" a' "$work/SHA256SUMS")
[[ -n $line ]] || fail "SHA256SUMS lists no $asset: refusing an unchecked binary"
(cd "$work" && printf '%s\n' "$line" | sha256sum --check --strict --quiet) ||
  fail "$asset does not match its SHA256SUMS line: not installed"
mkdir -p "$dir"
install -m 0755 "$work/$asset" "$dir/lamina.tmp.$$"
mv -f "$dir/lamina.tmp.$$" "$dir/lamina"
"$dir/lamina" --version || fail "the installed $dir/lamina does not run"
[[ -z ${GITHUB_PATH:-} ]] || echo "$dir" >>"$GITHUB_PATH"
echo "lamina setup: installed $dir/lamina ($asset, sha256 checked)"
