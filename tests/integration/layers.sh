#!/usr/bin/env bash
# The layer check (cmake/check_layers.cmake, run by the build before any layer compiles) passes on
# this tree and fails, naming file and rule, on each kind of break: an include up the layers, one
# sideways to a layer not named below, planning reaching util/spawn.h, a third-party header
# outside the layer that uses it, and a source file in no list of src/layers.cmake.
set -euo pipefail
build=$(dirname "$1")
src=$2
fail() { echo "FAIL: $*" >&2; exit 1; }
rules=$build/layers-rules.cmake
[[ -f $rules ]] || fail "no $rules: configure the build tree first"
check() { cmake -DSRC="$1" -DRULES="$rules" -P "$src/cmake/check_layers.cmake" 2>&1; }

out=$(check "$src/src") || fail "the layer check fails on this tree:
$out"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
breaks=(
  'plan/file_selection.cc|#include "exec/runner.h"|plan includes exec/runner.h, but exec is not a layer below plan'
  'parse/gcc.cc|#include "outcome/gate.h"|parse includes outcome/gate.h, but outcome is not a layer below parse'
  'catalog/catalog.cc|#include "config/settings.h"|catalog includes config/settings.h, but config is not a layer below catalog'
  'model/finding.cc|#include "catalog/catalog.h"|model includes catalog/catalog.h, but catalog is not a layer below model'
  'plan/make_plan.cc|#include "util/spawn.h"|plan includes util/spawn.h, which only util;exec;git;cli may include'
  'cli/commands.cc|#include <git2.h>|cli includes <git2.h>, which only git may use'
  'report/console.cc|#include <yaml-cpp/yaml.h>|report includes <yaml-cpp/yaml.h>, which only catalog;config may use'
)
for b in "${breaks[@]}"; do
  IFS='|' read -r file line expected <<<"$b"
  rm -rf "$work/src" && cp -r "$src/src" "$work/src"
  [[ -f $work/src/$file ]] || fail "test setup: no src/$file"
  printf '%s\n' "$line" >>"$work/src/$file"
  if out=$(check "$work/src"); then fail "the check passed with '$line' in src/$file"; fi
  grep -qF "src/$file: $expected" <<<"$out" || fail "for '$line' in src/$file the check said:
$out"
  echo "ok: refused $line in src/$file"
done
rm -rf "$work/src" && cp -r "$src/src" "$work/src"
: >"$work/src/exec/stray.cc"
if out=$(check "$work/src"); then fail "the check passed with an unlisted src/exec/stray.cc"; fi
grep -qF "src/exec/stray.cc: in no list of src/layers.cmake" <<<"$out" || fail "unlisted file: $out"
echo "ok: refused an unlisted source file"
