#!/usr/bin/env bash
# Whole processes, exec to exit, side by side with a reference in the same run (issue 15): the
# figures a user waits for. Each row prints the median and minimum of N runs (hyperfine, one
# warm-up) for lamina and its reference, their ratio, and peak RSS where it matters.
#   bench/process_bench.sh build/lamina [RUNS]        (default 5 runs)
# Rows:
#   1. lamina plan --json on a 10,000-file change with 30,000 added ranges (generated repository,
#      all .py, each file's content its own: 20,000 distinct blobs)
#                                                     vs  git diff -U0 of the same commits
#   2. exec -> first scanner process started, same change (a scanner that records its start)
#                                                     vs  git diff --name-status of the same commits
#   3. lamina report --input on a ~94 MB SARIF: wall time and peak RSS
#                                                     vs  python3 json.load of the same file
#   4. 4 scanners of `sleep 1` at --jobs 4            vs  xargs -P4 -n1 sleep
#   5. lamina scan whose one scanner prints 1,000,000 findings (gcc format, 62 MB): wall time
#      and peak RSS                                   vs  the same scanner (cat) alone
#   6. the inline layer on this repository with --all (the scanners installed here), --jobs
#      nproc                                          vs  the same invocations (lamina plan --json)
#                                                         run by xargs -P nproc
# Needs git, python3 and hyperfine (Debian's package).
set -euo pipefail
lamina=$(realpath "$1")
runs=${2:-5}
src=$(cd "$(dirname "$0")/.." && pwd)
command -v hyperfine >/dev/null || { echo "process_bench: needs hyperfine (apt-get install hyperfine)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HOME=$work GIT_AUTHOR_NAME=b GIT_AUTHOR_EMAIL=b@example.com GIT_COMMITTER_NAME=b GIT_COMMITTER_EMAIL=b@example.com
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) CPUs; lamina $("$lamina" --version)"

# hyperfine's median and min (ms) of each command, from its JSON export.
row() {  # row TITLE JSON
  python3 - "$1" "$2" <<'PY'
import json, sys
title, path = sys.argv[1], sys.argv[2]
r = json.load(open(path))["results"]
med = [x["median"] * 1000 for x in r]
mn = [x["min"] * 1000 for x in r]
print("%-58s lamina %8.1f ms (min %8.1f) | reference %8.1f ms (min %8.1f) | ratio %.2fx"
      % (title, med[0], mn[0], med[1], mn[1], med[0] / med[1]))
PY
}

# ---- 1 and 2: a 10,000-file change, three added ranges per file ---------------------------------
repo=$work/repo
mkdir -p "$repo"
git -C "$repo" init -q -b main
# No background `git gc --auto` racing the timed runs: the objects are packed once below.
git -C "$repo" config gc.auto 0
python3 - "$repo" <<'PY'
import os, sys
root = sys.argv[1]
for i in range(10000):
    d = os.path.join(root, "pkg%03d" % (i // 100))
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "mod%05d.py" % i), "w") as f:
        # Each file's own content (a blob per file, as in a real change: identical files would
        # share one blob and flatter every reader of blobs).
        f.write("".join("line_%d = %d\n" % (n, n + 100 * i) for n in range(20)))
PY
git -C "$repo" add -A && git -C "$repo" commit -qm base
base=$(git -C "$repo" rev-parse HEAD)
python3 - "$repo" <<'PY'
import glob, os, sys
for path in glob.glob(os.path.join(sys.argv[1], "pkg*", "*.py")):
    lines = open(path).read().splitlines(True)
    for n in (2, 9, 16):
        lines[n] = "changed_%d = %s  # edited\n" % (n, os.path.basename(path))
    open(path, "w").write("".join(lines))
PY
git -C "$repo" commit -qam head
head=$(git -C "$repo" rev-parse HEAD)
# Packed, as a clone or fetch leaves them (20,000 loose objects would cost git diff 1.3 s here, and
# an automatic gc would pack them in the background halfway through the timed runs).
git -C "$repo" repack -a -d -q
cat >"$repo/.lamina.yml" <<YML
scanners:
  first-start:
    layer: inline
    files: ["*.py"]
    scope: repo
    command: [$work/first-start.sh]
    output: {from: stdout, format: gcc}
YML
printf '#!/bin/sh\ndate +%%s%%N >>%s/started\n' "$work" >"$work/first-start.sh"
chmod +x "$work/first-start.sh"
cd "$repo"
hyperfine -N --warmup 1 --runs "$runs" --export-json "$work/plan.json" \
  "$lamina plan --json --base $base --head $head --config $repo/.lamina.yml" \
  "git diff -U0 $base $head" >/dev/null
row "1. plan --json, 10,000 files / 30,000 ranges" "$work/plan.json"

# Row 2: from exec to the first scanner's start, the median of RUNS runs.
starts=()
for _ in $(seq "$runs"); do
  rm -f "$work/started"
  t0=$(date +%s%N)
  "$lamina" scan --base "$base" --head "$head" --only first-start --out "$work/out" --fail-on never >/dev/null 2>&1 || true
  [[ -s $work/started ]] || { echo "row 2: the scanner never started" >&2; exit 1; }
  starts+=($((($(head -1 "$work/started") - t0) / 1000000)))
done
hyperfine -N --warmup 1 --runs "$runs" --export-json "$work/names.json" "git diff --name-status $base $head" >/dev/null
python3 - "$work/names.json" "${starts[@]}" <<'PY'
import json, statistics, sys
ref = json.load(open(sys.argv[1]))["results"][0]
starts = sorted(int(x) for x in sys.argv[2:])
print("%-58s lamina %8.1f ms (min %8.1f) | reference %8.1f ms (min %8.1f) | ratio %.2fx"
      % ("2. exec -> first scanner started, same change", statistics.median(starts), starts[0],
         ref["median"] * 1000, ref["min"] * 1000, statistics.median(starts) / (ref["median"] * 1000)))
PY
cd "$work"

# ---- 3: lamina report --input on a ~94 MB SARIF --------------------------------------------------
python3 - "$work/big.sarif" <<'PY'
import json, sys
results = [{"ruleId": "R%03d" % (i % 500), "level": "warning",
            "message": {"text": "Finding number %d: something questionable happens on this line" % i},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": "src/dir%03d/file%05d.c" % (i % 300, i % 20000)},
                                                "region": {"startLine": i % 3000 + 1, "startColumn": 3}}}],
            "partialFingerprints": {"primaryLocationLineHash": "%016x:1" % i}} for i in range(330000)]
json.dump({"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "bigtool", "rules": []}}, "results": results}]},
          open(sys.argv[1], "w"))
PY
mb=$(($(stat -c %s "$work/big.sarif") / 1000000))
mkdir -p "$work/r" && git -C "$work/r" init -q -b main && git -C "$work/r" commit -q --allow-empty -m init
python3 "$src/tests/tools/run_measured.py" --stats "$work/report.stats" -- \
  "$lamina" report -C "$work/r" --all --input "$work/big.sarif" --out "$work/r-out" --fail-on never >/dev/null
python3 "$src/tests/tools/run_measured.py" --stats "$work/py.stats" -- \
  python3 -c "import json,sys; json.load(open(sys.argv[1]))" "$work/big.sarif" >/dev/null
python3 - "$work/report.stats" "$work/py.stats" "$mb" <<'PY'
import json, sys
a, b = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
print("%-58s lamina %8.0f ms, peak RSS %4d MiB | python json.load %6.0f ms, %4d MiB | speed %.2fx"
      % ("3. report --input, %s MB SARIF (330k results; 20k kept: the cap)" % sys.argv[3], a["wall_seconds"] * 1000, a["tree_max_rss_kib"] // 1024,
         b["wall_seconds"] * 1000, b["tree_max_rss_kib"] // 1024, b["wall_seconds"] / a["wall_seconds"]))
PY

# ---- 4: four `sleep 1` scanners at --jobs 4 -------------------------------------------------------
s=$work/sleepers
mkdir -p "$s" && git -C "$s" init -q -b main && printf 'x\n' >"$s/a.txt" && git -C "$s" add -A && git -C "$s" commit -qm a
{ echo "scanners:"; for i in 1 2 3 4; do
  printf '  sleep%s:\n    layer: inline\n    files: ["*"]\n    scope: repo\n    command: [sleep, "1"]\n    output: {from: stdout, format: gcc}\n' "$i"
done; } >"$work/sleep.yml"
printf '1\n1\n1\n1\n' >"$work/ones"
cd "$s"
hyperfine -N --warmup 1 --runs "$runs" --export-json "$work/sleep.json" \
  "$lamina scan --all --config $work/sleep.yml --only sleep1,sleep2,sleep3,sleep4 --jobs 4 --out $work/s-out --fail-on never" \
  "xargs -P4 -n1 -a $work/ones sleep" >/dev/null
row "4. four sleep-1 scanners, --jobs 4 (vs xargs -P4)" "$work/sleep.json"
cd "$work"

# ---- 5: one scanner printing 1,000,000 findings ----------------------------------------------------
m=$work/million
mkdir -p "$m" && git -C "$m" init -q -b main && printf 'int x;\n' >"$m/a.c" && git -C "$m" add -A && git -C "$m" commit -qm a
python3 - "$work/million.txt" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    for i in range(1000000):
        f.write("a.c:%d:1: warning: finding %d of a noisy scanner [rule%d]\n" % (i % 5000 + 1, i, i % 50))
PY
cat >"$work/million.yml" <<YML
scanners:
  noisy:
    layer: inline
    files: ["*.c"]
    scope: repo
    command: [cat, $work/million.txt]
    output: {from: stdout, format: gcc}
YML
cd "$m"
python3 "$src/tests/tools/run_measured.py" --stats "$work/million.stats" -- \
  "$lamina" scan --all --config "$work/million.yml" --only noisy --out "$work/m-out" --fail-on never >/dev/null 2>&1 || true
python3 "$src/tests/tools/run_measured.py" --stats "$work/cat.stats" -- cat "$work/million.txt" >/dev/null
python3 - "$work/million.stats" "$work/cat.stats" "$(($(stat -c %s "$work/million.txt") / 1000000))" <<'PY'
import json, sys
a, b = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
print("%-58s lamina %8.0f ms, peak RSS %4d MiB | the scanner alone %6.0f ms, %4d MiB"
      % ("5. scan, one scanner printing 1,000,000 findings (%s MB)" % sys.argv[3], a["wall_seconds"] * 1000,
         a["tree_max_rss_kib"] // 1024, b["wall_seconds"] * 1000, b["tree_max_rss_kib"] // 1024))
PY
cd "$work"

# ---- 6: the inline layer on this repository, --all, vs the same invocations under xargs -P -------
# The reference runs exactly the argv lamina plans (lamina plan --json), each in its folder, with
# {configs} pointing at the repository's catalog/configs and {out} at a file of its own.
jobs=$(nproc)
"$lamina" plan -C "$src" --all --json >"$work/self-plan.json" 2>/dev/null
python3 - "$work/self-plan.json" "$src" "$work/xargs-cmds" <<'PY'
import json, os, shlex, sys
plan, src, folder = json.load(open(sys.argv[1])), sys.argv[2], sys.argv[3]
os.makedirs(folder, exist_ok=True)
n = 0
for s in plan["scanners"]:
    if not s.get("selected") or not s.get("installed", True):
        continue
    for argv, details in zip(s.get("invocations", []), s.get("invocation_details", [])):
        cwd = details["cwd"]
        out = os.path.join(folder, "out%d" % n)
        argv = [a.replace("{configs}", os.path.join(src, "catalog/configs")).replace("{out}", out) for a in argv]
        with open(os.path.join(folder, "cmd%04d" % n), "w") as f:
            f.write("cd %s && exec %s >/dev/null 2>&1\n" % (shlex.quote(cwd), " ".join(shlex.quote(a) for a in argv)))
        n += 1
print(n, file=sys.stderr)
PY
ls "$work/xargs-cmds"/cmd* >"$work/xargs-list"
hyperfine -N --warmup 1 --runs "$runs" -i --export-json "$work/layer.json" \
  "$lamina scan -C $src --all --jobs $jobs --out $work/self-out --fail-on never" \
  "xargs -P$jobs -n1 -a $work/xargs-list bash" >/dev/null
row "6. inline layer on this repository, --all, --jobs $jobs ($(wc -l <"$work/xargs-list") invocations)" "$work/layer.json"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
