#!/usr/bin/env bash
# `lamina init` (issue 20, item 3): a commented .lamina.yml naming the scanners that apply to the
# repository's tracked files, valid against schemas/lamina-config.schema.json and read back by
# lamina itself; the CI files for the chosen layers printed, or written with --github/--gitlab;
# no file overwritten without --force.
set -euo pipefail
lamina=$(realpath "$1")
source_dir=$(realpath "$2")
fail() { echo "FAIL: $*" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
repo=$work/repo
git init -q -b main "$repo"
mkdir -p "$repo/scripts" "$repo/app"
printf '#!/bin/sh\necho "$1"\n' >"$repo/scripts/run.sh"
printf 'import os\nprint(os.getcwd())\n' >"$repo/app/main.py"
printf 'hello\n' >"$repo/README.md"
git -C "$repo" add . && git -C "$repo" -c user.name=t -c user.email=t@example.com commit -q -m init
in_repo() { (cd "$repo" && env -i PATH="$PATH" HOME="$work" "$lamina" "$@" >"$work/out" 2>&1) && rc=0 || rc=$?; }

in_repo init
[[ $rc == 0 ]] || fail "lamina init: exit $rc: $(cat "$work/out")"
config=$repo/.lamina.yml
[[ -f $config ]] || fail "no .lamina.yml written"
grep -q '^  shellcheck:' "$config" || fail ".lamina.yml lacks shellcheck (scripts/run.sh): $(cat "$config")"
grep -q '^  bandit:' "$config" || fail ".lamina.yml lacks bandit (app/main.py): $(cat "$config")"
! grep -q '^  eslint:' "$config" || fail ".lamina.yml names eslint, which matches no file: $(cat "$config")"
grep -q '^# ' "$config" || fail ".lamina.yml has no comments"
grep -q 'lamina-dev/lamina/actions/inline@' "$work/out" || fail "the GitHub workflow is not printed: $(cat "$work/out")"
grep -q 'file: /gitlab-templates/lamina-inline.yml' "$work/out" || fail "the GitLab include is not printed: $(cat "$work/out")"
[[ ! -e $repo/.github && ! -e $repo/.gitlab-ci.yml ]] || fail "lamina init wrote CI files without --github/--gitlab"
echo "ok: lamina init writes .lamina.yml for the scanners that apply and prints the CI files"

# lamina reads it back, and it is valid against the configuration schema (ajv, when installed).
in_repo config
[[ $rc == 0 ]] || fail "lamina config rejects the written .lamina.yml: $(cat "$work/out")"
in_repo plan --all
grep -q 'shellcheck' "$work/out" || fail "plan: $(cat "$work/out")"
ajv=$(PATH=$source_dir/node_modules/.bin:$PATH command -v ajv || true)
if [[ -n $ajv ]]; then
  python3 -c 'import json, sys, yaml; json.dump(yaml.safe_load(open(sys.argv[1])), open(sys.argv[2], "w"))' \
    "$config" "$work/config.json"
  "$ajv" validate --strict=false -s "$source_dir/schemas/lamina-config.schema.json" -d "$work/config.json" \
    >"$work/ajv" 2>&1 || fail "the written .lamina.yml is not valid against the schema: $(cat "$work/ajv")"
  echo "ok: the written .lamina.yml is valid against schemas/lamina-config.schema.json (ajv)"
else
  echo "note: ajv not installed, schema check left to lamina config"
fi

# No overwrite without --force; --force replaces it.
printf 'fail_on: sev1\n' >"$config"
in_repo init
[[ $rc == 2 ]] || fail "a second init: exit $rc, not 2"
grep -q '.lamina.yml exists.*--force' "$work/out" || fail "no message naming --force: $(cat "$work/out")"
[[ $(cat "$config") == 'fail_on: sev1' ]] || fail "init changed an existing .lamina.yml"
in_repo init --force
[[ $rc == 0 ]] && grep -q '^  shellcheck:' "$config" || fail "init --force did not replace .lamina.yml: exit $rc"
echo "ok: an existing .lamina.yml is kept (exit 2) unless --force"

# --github writes the tested example workflows for the chosen layers; --gitlab the includes.
in_repo init --force --github --layers inline,continuous
[[ $rc == 0 ]] || fail "init --github: exit $rc: $(cat "$work/out")"
cmp "$repo/.github/workflows/lamina-inline.yml" "$source_dir/examples/github/pr-gate.yml" ||
  fail "the inline workflow is not examples/github/pr-gate.yml"
cmp "$repo/.github/workflows/lamina-continuous.yml" "$source_dir/examples/github/nightly-continuous.yml" ||
  fail "the continuous workflow is not examples/github/nightly-continuous.yml"
in_repo init --force --gitlab --layers inline,post-deploy
[[ $rc == 0 ]] || fail "init --gitlab: exit $rc: $(cat "$work/out")"
python3 - "$repo/.gitlab-ci.yml" <<'PY' || fail "the written .gitlab-ci.yml: $(cat "$repo/.gitlab-ci.yml")"
import sys, yaml
doc = yaml.safe_load(open(sys.argv[1]))
files = [i["file"] for i in doc["include"]]
assert files == ["/gitlab-templates/lamina-inline.yml", "/gitlab-templates/lamina-post-deploy.yml"], files
assert doc["include"][1]["inputs"]["target_url"].startswith("https://"), doc
PY
in_repo init --gitlab
[[ $rc == 2 ]] || fail "init --gitlab over an existing .lamina.yml without --force: exit $rc"
rm "$config"
in_repo init --gitlab
[[ $rc == 2 ]] && grep -q '.gitlab-ci.yml exists' "$work/out" ||
  fail "init --gitlab over an existing .gitlab-ci.yml: exit $rc: $(cat "$work/out")"
[[ ! -e $config ]] || fail "init --gitlab refused .gitlab-ci.yml but wrote .lamina.yml first"
in_repo init --layers inline,bogus
[[ $rc == 2 ]] && grep -q 'unknown layer "bogus"' "$work/out" || fail "--layers bogus: exit $rc: $(cat "$work/out")"
echo "ok: --github and --gitlab write the CI files for the chosen layers; existing ones are kept"
