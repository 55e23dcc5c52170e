#!/usr/bin/env bash
# actions/setup (issue 20, item 4): its install script, run against a local release folder made
# from the binary under test, as the release workflow lays it out (lamina-<tag>-linux-<arch> and
# SHA256SUMS): installs, puts the folder on $GITHUB_PATH, and the binary runs. A tampered binary,
# a missing checksum line or a missing asset installs nothing.
set -euo pipefail
lamina=$(realpath "$1")
source_dir=$(realpath "$2")
fail() { echo "FAIL: $*" >&2; exit 1; }
case $(uname -m) in x86_64) arch=x86_64 ;; aarch64) arch=arm64 ;; *) echo "skip: $(uname -m)"; exit 77 ;; esac
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
release=$work/release
mkdir -p "$release"
tag=v0.1.0
asset=lamina-$tag-linux-$arch
cp "$lamina" "$release/$asset"
(cd "$release" && sha256sum "$asset" >SHA256SUMS)
install_sh=$source_dir/actions/setup/install.sh
grep -q 'install.sh' "$source_dir/actions/setup/action.yml" || fail "action.yml does not run install.sh"

setup() { # setup BASE DIR: the action's script as the runner runs it
  : >"$work/github_path"
  env -i PATH=/usr/bin:/bin HOME="$work" RUNNER_TEMP="$work/runner-temp" GITHUB_PATH="$work/github_path" \
    LAMINA_VERSION="$tag" LAMINA_BASE_URL="$1" LAMINA_INSTALL_DIR="$2" \
    bash "$install_sh" >"$work/out" 2>&1 && rc=0 || rc=$?
}

setup "$release" "$work/bin"
[[ $rc == 0 ]] || fail "install from a local folder: exit $rc: $(cat "$work/out")"
[[ -x $work/bin/lamina ]] || fail "no $work/bin/lamina"
[[ $(cat "$work/github_path") == "$work/bin" ]] || fail "GITHUB_PATH: $(cat "$work/github_path")"
PATH=$work/bin:/usr/bin:/bin lamina --version | grep -q '^lamina ' || fail "the installed lamina does not run from PATH"
echo "ok: actions/setup installs the release binary, checked, and puts it on PATH"

setup "file://$release" ""  # default folder: $RUNNER_TEMP/lamina-bin
[[ $rc == 0 && -x $work/runner-temp/lamina-bin/lamina ]] || fail "file:// and the default folder: exit $rc: $(cat "$work/out")"
echo "ok: a file:// base and the default install folder"

# Tampered: one byte changed after the checksum was taken.
cp -r "$release" "$work/tampered"
printf 'x' >>"$work/tampered/$asset"
setup "$work/tampered" "$work/bin2"
[[ $rc != 0 ]] && grep -q 'does not match its SHA256SUMS line' "$work/out" || fail "a tampered binary: exit $rc: $(cat "$work/out")"
[[ ! -e $work/bin2/lamina && ! -s $work/github_path ]] || fail "a tampered binary was installed"
# No line for the asset.
cp -r "$release" "$work/unlisted"
: >"$work/unlisted/SHA256SUMS"
setup "$work/unlisted" "$work/bin3"
[[ $rc != 0 ]] && grep -q 'SHA256SUMS lists no' "$work/out" || fail "an unlisted binary: exit $rc: $(cat "$work/out")"
[[ ! -e $work/bin3/lamina ]] || fail "an unlisted binary was installed"
# No asset at all.
rm "$work/unlisted/$asset"
setup "$work/unlisted" "$work/bin4"
[[ $rc != 0 && ! -e $work/bin4/lamina ]] || fail "a missing asset: exit $rc"
echo "ok: a tampered, unlisted or missing binary is not installed"
