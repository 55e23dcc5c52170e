#!/usr/bin/env bash
# Coverage per run (issue 18, item 3): a real repository whose change touches a Go file (no Go
# scanner is installed here: neither gosec nor semgrep) and a Lua file (no catalog entry reads Lua).
# Both are reported as not covered on the console and in lamina.sarif (valid SARIF 2.1.0, counts
# and file lists in the coverage run's notifications); the exit code is unchanged without
# require_coverage; --require-coverage sast, LAMINA_REQUIRE_COVERAGE and require_coverage in
# .lamina.yml make it a scanner failure (exit 3); a kind that is covered passes; an unknown kind
# is exit 2 naming the file, the key, the allowed kinds and the near miss.
set -euo pipefail
lamina=$(realpath "$1")
src=$(realpath "$2")
fail() { echo "FAIL: $*" >&2; exit 1; }
for tool in git python3 secretlint; do
  command -v "$tool" >/dev/null || { echo "SKIP: $tool is not installed" >&2; exit 77; }
done
for tool in gosec semgrep; do
  ! command -v "$tool" >/dev/null || { echo "SKIP: $tool is installed: the Go file is covered" >&2; exit 77; }
done
schema=$src/tests/data/schemas/sarif-schema-2.1.0.json
[[ -f $schema ]] || fail "no SARIF schema at $schema"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
repo=$work/repo
mkdir -p "$repo"
git -C "$repo" init -q -b main
commit() { git -C "$repo" -c user.name=t -c user.email=t@example.com commit -q "$@"; }
printf '# demo\n' >"$repo/README.md"
git -C "$repo" add -A && commit -m init
git -C "$repo" checkout -q -b change
mkdir -p "$repo/cmd" "$repo/tools"
printf 'module example.com/demo\n\ngo 1.21\n' >"$repo/go.mod"
printf 'package main\n\nfunc main() { println("hi") }\n' >"$repo/cmd/main.go"
printf 'print("build")\n' >"$repo/tools/build.lua"
git -C "$repo" add -A && commit -m change

# scan NAME [ARGS...]: exit code in $rc, console in $work/NAME.log, reports in $work/NAME/.
scan() {
  local name=$1
  shift
  (cd "$repo" && env -i PATH="$PATH" HOME="$work" ${extra_env:-} "$lamina" scan --layer inline \
    --base main --head HEAD --fail-on never --out "$work/$name" "$@" >"$work/$name.log" 2>&1) &&
    rc=0 || rc=$?
}

scan plain
[[ $rc == 0 ]] || fail "without require_coverage the exit code changed: $rc; $(cat "$work/plain.log")"
grep -qF 'not covered: 1 changed .go file (cmd/main.go) had no static analysis: no scanner installed: gosec (install: go install' "$work/plain.log" ||
  fail "the console does not name the uncovered .go file: $(cat "$work/plain.log")"
grep -qF 'not covered: 1 changed .lua file (tools/build.lua) had no static analysis: no scanner in the catalog reads them' "$work/plain.log" ||
  fail "the console does not name the .lua file no catalog entry reads: $(cat "$work/plain.log")"
grep -qF 'changed file(s) not covered by some kind of check' "$work/plain.log" ||
  fail "the verdict does not mention the uncovered files: $(cat "$work/plain.log")"
echo "ok: the console names the .go file no installed scanner read and the .lua file no entry reads"

sarif_check() {  # sarif_check FILE EXPECTED_STATE
  python3 "$src/tests/tools/validate_json_schema.py" "$schema" "$1" >/dev/null ||
    fail "$1 is not valid SARIF: $(python3 "$src/tests/tools/validate_json_schema.py" "$schema" "$1")"
  python3 - "$1" "$2" <<'PY' || fail "lamina.sarif: coverage run wrong (above)"
import json, sys
runs = json.load(open(sys.argv[1]))["runs"]
cov = [r for r in runs if r["automationDetails"]["id"] == "lamina/inline/lamina-coverage/"]
assert len(cov) == 1, f"{len(cov)} coverage runs"
run = cov[0]
assert run["properties"]["lamina/state"] == sys.argv[2], run["properties"]
inv = run["invocations"][0]
assert inv["executionSuccessful"] == (sys.argv[2] != "failed"), inv
notes = {n["properties"]["lamina/file-type"]: n for n in inv["toolExecutionNotifications"]
         if "properties" in n}
go, lua = notes.get(".go"), notes.get(".lua")
assert go and lua, sorted(notes)
assert go["properties"]["lamina/files"] == ["cmd/main.go"], go
assert go["properties"]["lamina/file-count"] == 1 and go["properties"]["lamina/in-catalog"], go
assert go["properties"]["lamina/kind"] == "sast", go
assert "gosec" in go["properties"]["lamina/missing-scanners"], go
assert lua["properties"]["lamina/files"] == ["tools/build.lua"], lua
assert lua["properties"]["lamina/in-catalog"] is False, lua
level = "error" if sys.argv[2] == "failed" else "warning"
assert go["level"] == level and lua["level"] == level, (go["level"], lua["level"])
PY
}
sarif_check "$work/plain/lamina.sarif" skipped
echo "ok: lamina.sarif (valid SARIF 2.1.0) lists both, with counts and files, on the coverage run"

scan flag --require-coverage sast
[[ $rc == 3 ]] || fail "--require-coverage sast: exit $rc, expected 3 (scanner failure); $(cat "$work/flag.log")"
grep -qE 'lamina-coverage +failed +.*required coverage \(--require-coverage: sast\) not met: 1 changed .go file had no static analysis \(gosec, semgrep are not installed\); 1 changed .lua file had no static analysis \(no scanner in the catalog\)' "$work/flag.log" ||
  fail "--require-coverage sast: the failure is not explained: $(cat "$work/flag.log")"
grep -q 'SCANNER FAILURE' "$work/flag.log" || fail "the verdict is not a scanner failure: $(cat "$work/flag.log")"
sarif_check "$work/flag/lamina.sarif" failed
echo "ok: --require-coverage sast makes the uncovered files a scanner failure (exit 3, SARIF)"

scan covered --require-coverage secrets,lint
[[ $rc == 0 ]] || fail "--require-coverage secrets,lint (covered by secretlint, codespell...): exit $rc; $(cat "$work/covered.log")"
echo "ok: a required kind every changed file got passes (exit 0)"

extra_env=LAMINA_REQUIRE_COVERAGE=sast scan env
[[ $rc == 3 ]] || fail "LAMINA_REQUIRE_COVERAGE=sast: exit $rc; $(cat "$work/env.log")"
echo "ok: LAMINA_REQUIRE_COVERAGE=sast is the same"

printf 'require_coverage: [dependencies, sast]\n' >"$repo/.lamina.yml"
scan config
[[ $rc == 3 ]] || fail "require_coverage in .lamina.yml: exit $rc; $(cat "$work/config.log")"
grep -qF 'required coverage (.lamina.yml:1:19: dependencies,sast) not met' "$work/config.log" ||
  fail ".lamina.yml require_coverage: not named in the failure: $(cat "$work/config.log")"
echo "ok: require_coverage: [dependencies, sast] in .lamina.yml is a scanner failure (exit 3)"

printf 'require_coverage:\n  - secrets\n  - sats\n' >"$repo/.lamina.yml"
scan typo
[[ $rc == 2 ]] || fail "require_coverage: [sats]: exit $rc, expected 2; $(cat "$work/typo.log")"
grep -qF ".lamina.yml:3:5: require_coverage: unknown kind of check \"sats\": expected secrets | dependencies | sast | iac | lint | container | sbom | malware | dast (did you mean 'sast'?)" "$work/typo.log" ||
  fail "require_coverage typo: message $(cat "$work/typo.log")"
rm "$repo/.lamina.yml"
scan typo-flag --require-coverage secret
[[ $rc == 2 ]] && grep -qF "did you mean 'secrets'?" "$work/typo-flag.log" ||
  fail "--require-coverage secret: exit $rc, $(cat "$work/typo-flag.log")"
echo "ok: an unknown kind is exit 2 naming the file, line, key, allowed kinds and the near miss"
