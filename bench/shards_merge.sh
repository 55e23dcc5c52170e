#!/usr/bin/env bash
# `lamina merge` of 8 shards of 25,000 results each (issue 21), whole process, exec to exit, beside
# the bare cost of parsing the same 8 lamina-shard.json files with python3's json module.
#   bench/shards_merge.sh build/lamina [RUNS]        (default 5 runs; needs git, python3, hyperfine)
# The shards are made for real: a repository of 400 files of 100 lines, 16 custom scanners
# (tools/gen.py, SARIF on stdout) of 12,500 results each, spread over the files' lines, and
# `lamina scan --layer continuous --shard I/8` for I = 1..8; LPT gives each shard 2 scanners, so
# 25,000 results. The merge reads the 8 files, joins the scanners, places the 200,000 findings
# again (fingerprints from the files' lines, the filter) and writes every report.
set -euo pipefail
lamina=$(realpath "$1")
runs=${2:-5}
command -v hyperfine >/dev/null || { echo "shards_merge: needs hyperfine (apt-get install hyperfine)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HOME=$work GIT_AUTHOR_NAME=b GIT_AUTHOR_EMAIL=b@example.com GIT_COMMITTER_NAME=b GIT_COMMITTER_EMAIL=b@example.com
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) CPUs; lamina $("$lamina" --version)"

repo=$work/repo
mkdir -p "$repo/src" "$repo/tools"
python3 - "$repo" <<'PY'
import sys
for i in range(400):
    with open(f"{sys.argv[1]}/src/f{i:03d}.txt", "w") as f:
        f.write("".join(f"value_{i}_{n} = {n * 7 % 13}\n" for n in range(100)))
PY
cat >"$repo/tools/gen.py" <<'PY'
import json, sys
tool, count = sys.argv[1], int(sys.argv[2])
seed = sum(map(ord, tool))
results = []
for k in range(count):
    f, line = (k * 7 + seed) % 400, (k * 13 + seed) % 100 + 1
    results.append({"ruleId": f"{tool}-R{k % 40}", "level": ("error", "warning", "note")[k % 3],
                    "message": {"text": f"{tool} finding {k} in f{f:03d}.txt line {line}"},
                    "locations": [{"physicalLocation": {"artifactLocation": {"uri": f"src/f{f:03d}.txt"},
                                                        "region": {"startLine": line, "startColumn": 1}}}]})
json.dump({"version": "2.1.0", "runs": [{"tool": {"driver": {"name": tool}}, "results": results}]}, sys.stdout)
PY
{
  printf 'exclude: ["tools/**", .lamina.yml]\nscanners:\n'
  for id in shellcheck bandit flawfinder cppcheck eslint semgrep gosec checkov trivy-config secretlint gitleaks osv-scanner trivy-fs; do
    printf '  %s: {enabled: false}\n' "$id"
  done
  for s in $(seq -w 0 15); do
    printf '  gen%s:\n    layer: continuous\n    scope: repo\n    files: ["src/*.txt"]\n' "$s"
    printf '    command: [python3, tools/gen.py, gen%s, "12500"]\n    output: {from: stdout, format: sarif}\n' "$s"
  done
} >"$repo/.lamina.yml"
git -C "$repo" init -q -b main
git -C "$repo" add -A
git -C "$repo" commit -qm base
cd "$repo"
for i in $(seq 8); do
  "$lamina" scan --layer continuous --all --fail-on never --shard "$i/8" --out "$work/shards/$i" >/dev/null 2>&1 ||
    { echo "shard $i/8 failed" >&2; exit 1; }
done
python3 - "$work/shards" <<'PY'
import json, sys
counts = [len(json.load(open(f"{sys.argv[1]}/{i}/lamina-shard.json"))["findings"]) for i in range(1, 9)]
size = sum(__import__("os").path.getsize(f"{sys.argv[1]}/{i}/lamina-shard.json") for i in range(1, 9))
print(f"8 shards: {counts} results, {size / 1e6:.1f} MB of lamina-shard.json")
PY
dirs=$(seq -f "$work/shards/%g" 1 8 | tr '\n' ' ')
files=$(seq -f "$work/shards/%g/lamina-shard.json" 1 8 | tr '\n' ' ')
hyperfine -N -i --warmup 1 --runs "$runs" --export-json "$work/merge.json" \
  "$lamina merge --layer continuous --all --fail-on never --out $work/merged $dirs" \
  "python3 -c 'import json,sys; [json.load(open(p)) for p in sys.argv[1:]]' $files" >/dev/null
"$lamina" merge --layer continuous --all --fail-on never --out "$work/merged" $dirs >"$work/merge.log" 2>&1 || true
grep '^findings:' "$work/merge.log"
rss=$(python3 - "$lamina" "$work" <<'PY'
import resource, subprocess, sys
lamina, work = sys.argv[1], sys.argv[2]
dirs = [f"{work}/shards/{i}" for i in range(1, 9)]
subprocess.run([lamina, "merge", "--layer", "continuous", "--all", "--fail-on", "never", "--out",
                f"{work}/merged", *dirs], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
PY
)
python3 - "$work/merge.json" "$rss" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
med = [x["median"] * 1000 for x in r]
mn = [x["min"] * 1000 for x in r]
print("%-44s lamina %8.1f ms (min %8.1f) | python3 json.load %8.1f ms (min %8.1f) | ratio %.2fx | lamina peak RSS %.0f MB"
      % ("merge, 8 shards x 25,000 results", med[0], mn[0], med[1], mn[1], med[0] / med[1], int(sys.argv[2]) / 1024))
PY
