#!/usr/bin/env bash
# Issue 18: a change that adds lodash 4.17.4 to package-lock.json fails the inline gate with the
# advisory named, through the real npm audit and the npm registry's advisory endpoint. The same
# change where the endpoint cannot be reached fails the gate too (a scanner failure, exit 3),
# never a pass. A lockfile change that leaves a vulnerable package's lines alone is outside the
# diff filter. Skipped (77), saying why, only when npm is missing or the endpoint is unreachable
# for the first check.
set -euo pipefail
lamina=$1
src=$2
fail() { echo "FAIL: $*" >&2; exit 1; }
PATH=$src/node_modules/.bin:$PATH
command -v npm >/dev/null || { echo "SKIP: npm is not installed"; exit 77; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
input=$src/tests/data/scanner-outputs/npm-audit/input/lodash-4.17.4
repo=$work/repo
mkdir -p "$repo/shop"
git -C "$repo" init -q -b main
commit() { git -C "$repo" add -A && git -C "$repo" -c user.name=t -c user.email=t@example.com commit -q -m "$1"; }
# The base: the same project without dependencies (npm's lockfile for it).
cat >"$repo/shop/package.json" <<'EOF'
{
  "name": "audit-fixture",
  "version": "1.0.0",
  "private": true
}
EOF
cat >"$repo/shop/package-lock.json" <<'EOF'
{
  "name": "audit-fixture",
  "version": "1.0.0",
  "lockfileVersion": 3,
  "requires": true,
  "packages": {
    "": {
      "name": "audit-fixture",
      "version": "1.0.0"
    }
  }
}
EOF
commit base
git -C "$repo" checkout -q -b add-lodash
cp "$input/package.json" "$input/package-lock.json" "$repo/shop/"
commit "add lodash 4.17.4"
# A TLS-inspecting proxy's CA (this build machine has one) reaches npm as it would in CI.
ca=()
[[ -f /etc/ssl/certs/ca-certificates.crt ]] && ca=(NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt)
scan() {
  (cd "$repo" && env -i PATH="$PATH" HOME="$work" "${ca[@]}" \
    "$lamina" scan --layer inline --only npm-audit --base main --head HEAD --out "$work/out" "$@" \
    >"$work/console" 2>&1)
}
scan && rc=0 || rc=$?
console=$(cat "$work/console")
if [[ $rc == 3 ]] && grep -q 'npm audit could not check the dependencies' <<<"$console"; then
  # Only a network that cannot reach the endpoint explains this; the failure itself is checked.
  grep -q 'FAIL\|scanner failure\|failed' <<<"$console" || fail "exit 3 without a failure shown: $console"
  reason=$(grep -o 'npm audit could not check the dependencies: [^"]*' "$work/out/lamina.sarif" | head -1)
  [[ -n $reason ]] || fail "the SARIF does not carry the scanner failure: $(head -c 2000 "$work/out/lamina.sarif")"
  echo "ok: with the advisory endpoint unreachable the gate fails (exit 3, scanner failure), not a pass"
  echo "SKIP: the npm registry's advisory endpoint cannot be reached from here, so the lodash advisory cannot be checked: $reason"
  exit 77
fi
[[ $rc == 1 ]] || fail "adding lodash 4.17.4: expected exit 1 (gate failed), got $rc: $console"
grep -q 'GHSA-' <<<"$console" || fail "no GHSA advisory named on the console: $console"
grep -q 'lodash 4.17.4' <<<"$console" || fail "the console does not name lodash 4.17.4: $console"
report=$work/out/gl-dependency-scanning-report.json
python3 - "$report" <<'EOF' || fail "GitLab dependency-scanning report: $(head -c 2000 "$report")"
import json, sys
report = json.load(open(sys.argv[1]))
found = [v for v in report["vulnerabilities"]
         if v["location"]["dependency"]["package"]["name"] == "lodash"
         and v["location"]["dependency"]["version"] == "4.17.4"
         and v["location"]["file"] == "shop/package-lock.json"
         and v["identifiers"][0]["value"].startswith("GHSA-")]
assert found, report
EOF
echo "ok: adding lodash 4.17.4 fails the gate with its GHSA advisory, also in gl-dependency-scanning-report.json"

# The next change bumps the project's version only: lodash's lines are untouched, so its
# advisories are outside the diff filter (they came with an earlier change).
sed -i 's/"version": "1.0.0"/"version": "1.0.1"/' "$repo/shop/package.json" "$repo/shop/package-lock.json"
commit "version 1.0.1"
scan --base add-lodash && rc=0 || rc=$?
[[ $rc == 0 ]] || fail "a lockfile change that leaves lodash alone: expected exit 0, got $rc: $(cat "$work/console")"
echo "ok: a lockfile change that leaves lodash alone does not fail the gate for it"
