#!/usr/bin/python3
"""The assertions of tests/integration/hostile_pr.sh on one `lamina scan` of the hostile pull
request that hostile_repo.py made under ROOT.

Usage: check_hostile_run.py snapshot ROOT            prints the listing compared afterwards
       check_hostile_run.py check ROOT SCHEMAS       exit 0 when every check passes"""
import json
import os
import re
import subprocess
import sys
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import workflow_commands as wc  # noqa: E402

PEAK_RSS_BOUND_KIB = 1024 * 1024  # 1 GiB: generous; the 200 MB blob is what it must not copy
EXPECTED_EXIT = 1  # sev1 findings on added lines: the gate fails
# secretlint 12 crashes on the file named "a\nb.sh" (a Node performance mark named after the file
# is never set) and prints no SARIF; when it is not installed, it is missing though required.
# Either way a scanner failure, reported as such, never a pass.
EXPECTED_FAILURE = "secretlint"
LAMINA_COMMANDS = {"group", "endgroup", "error", "warning", "notice"}
OUTSIDE = ["etc/passwd", "etc/shadow", "etc/hosts"]
problems = []


def check(condition, message):
    if not condition:
        problems.append(message)
    return condition


def read(path):
    with open(path, "rb") as f:
        return f.read()


def listing(top):
    """Every path under `top` with its type and size; .git's files by name only (git may
    rewrite them in place)."""
    entries = {}
    for directory, dirs, files in os.walk(top):
        for name in dirs + files:
            path = os.path.join(directory, name)
            st = os.lstat(path)
            size = None if "/.git/" in path + "/" or os.path.isdir(path) else st.st_size
            entries[os.path.relpath(path, top)] = [st.st_mode >> 12, size]
    return entries


def snapshot(root):
    return {"repo": listing(os.path.join(root, "repo")),
            "home": listing(os.path.join(root, "home")),
            "sentinel": listing(os.path.join(root, "sentinel"))}


def check_nothing_ran_or_was_written(root):
    with open(os.path.join(root, "before.json"), encoding="utf-8") as f:
        before = json.load(f)
    after = snapshot(root)
    for area in before:
        # Scanners' own caches in $HOME are theirs (bandit's stevedore writes
        # ~/.cache/python-entrypoints), not files lamina made.
        after[area] = {k: v for k, v in after[area].items()
                       if not (area == "home" and (k == ".cache" or k.startswith(".cache/")))}
        added = sorted(set(after[area]) - set(before[area]))
        removed = sorted(set(before[area]) - set(after[area]))
        changed = sorted(k for k in before[area] if k in after[area] and
                         before[area][k] != after[area][k])
        check(not (added or removed or changed),
              f"{area} changed: added {added[:5]}, removed {removed[:5]}, changed {changed[:5]}")
    leftovers = os.listdir(os.path.join(root, "tmp"))
    check(not leftovers, f"TMPDIR not cleaned up: {leftovers[:5]}")
    for directory, dirs, files in os.walk(root):
        check("pwned" not in files + dirs, f"a command ran: {directory}/pwned exists")
    for directory in ("/", "/tmp", os.getcwd(), os.path.expanduser("~")):
        check(not os.path.exists(os.path.join(directory, "pwned")), f"{directory}/pwned exists")


def outputs_of(root):
    names = ["stdout", "stderr", "runner/step_summary.md", "runner/output"]
    names += ["out/" + n for n in sorted(os.listdir(os.path.join(root, "out")))]
    return {name: read(os.path.join(root, name)) for name in names}


def check_no_leak_and_no_escape(root, outputs, dumps):
    tokens = read(os.path.join(root, "tokens")).decode().split()
    for name, data in outputs.items():
        for token in tokens:
            check(token.encode() not in data, f"a token appears in {name}")
        bad = sorted({b for b in data if b < 0x20 and b not in b"\t\n"} | ({0x7F} & set(data)))
        check(not bad, f"{name} holds raw control bytes {[hex(b) for b in bad]}")
    for dump in dumps:
        env = dump["env"]
        leaked = [k for k in env if k.startswith(("GITHUB_", "ACTIONS_")) or "TOKEN" in k]
        check(not leaked, f"the scanner's environment holds {leaked}")
        for token in tokens:
            check(token not in json.dumps(dump, ensure_ascii=False), "a token reached a scanner")


def check_scanner_argv(expected, dumps):
    """Hostile names arrive as literal arguments (`./` before a leading '-'); the symlink, the
    binary and the excluded folder never arrive."""
    given = [a for d in dumps for a in d["argv"][d["argv"].index("--") + 1:]]
    for name in expected["hostile_names"]:
        want = "./" + name if name.startswith("-") else name
        check(given.count(want) == 1, f"the custom scanner got {want!r} {given.count(want)} times")
    for arg in given:
        check(not arg.startswith("-"), f"an argument reads as an option: {arg!r}")
    for name in (expected["symlink"], expected["big_binary"]):
        check(name not in given, f"{name} was passed to a scanner")
    check(not [a for a in given if a.startswith("many/")], "an excluded file was passed")


def sarif_results(sarif):
    for run in sarif["runs"]:
        for result in run.get("results", []):
            loc = result["locations"][0]["physicalLocation"] if result.get("locations") else {}
            uri = urllib.parse.unquote(loc.get("artifactLocation", {}).get("uri", ""))
            line = loc.get("region", {}).get("startLine", 0)
            yield run["tool"]["driver"]["name"], result, uri, line


def check_sarif(root, schemas, expected):
    path = os.path.join(root, "out", "lamina.sarif")
    validate = os.path.join(os.path.dirname(os.path.abspath(__file__)), "validate_json_schema.py")
    for schema, doc in (("sarif-schema-2.1.0.json", "lamina.sarif"),
                        ("gitlab-15.2.1/sast-report-format.json", "gl-sast-report.json"),
                        ("gitlab-15.2.1/secret-detection-report-format.json",
                         "gl-secret-detection-report.json")):
        done = subprocess.run([sys.executable, validate, os.path.join(schemas, schema),
                               os.path.join(root, "out", doc)], capture_output=True, text=True)
        check(done.returncode == 0, f"{doc} is not valid: {(done.stdout + done.stderr)[-800:]}")
    with open(path, encoding="utf-8") as f:
        sarif = json.load(f)
    results = list(sarif_results(sarif))
    for _, _, uri, _ in results:
        check(not any(uri.endswith(o) for o in OUTSIDE), f"an outside path is reported: {uri}")
        check(not uri.startswith(("/", "file:", "..")), f"not a repository path: {uri}")
    hostile = [r for r in results if r[0] == "Hostile scanner"]
    named = sorted(uri for _, _, uri, _ in hostile if uri)
    check(named == expected["hostile_names"], f"custom scanner findings on {named}")
    check(all(r["properties"]["lamina/severity"] == "sev1" and r["properties"]["lamina/counted"]
              for _, r, _, _ in hostile), "a custom scanner finding is not a counted sev1")
    # The three paths outside the repository are findings all the same, at repository level.
    unmapped = sorted(r["properties"].get("lamina/unmapped-location", "")
                      for _, r, uri, _ in hostile if not uri)
    check(len(unmapped) == len(OUTSIDE) and all(u.endswith(tuple(OUTSIDE)) for u in unmapped),
          f"outside paths not kept at repository level: {unmapped}")
    shellchecked = {uri for tool, _, uri, _ in results if tool == "ShellCheck"}
    for name in expected["hostile_names"]:
        if name.endswith(".sh") or name == "-rf":
            check(name in shellchecked, f"no ShellCheck finding on {name!r}")
    failed = [r["tool"]["driver"]["name"] for r in sarif["runs"]
              if not all(i["executionSuccessful"] for i in r.get("invocations", []))]
    check(failed == [EXPECTED_FAILURE], f"scanner runs marked failed: {failed}")
    return results


def check_annotations(outputs, results):
    """Every command the runner would obey is one lamina wrote, escaped exactly as @actions/core
    escapes it, for a result of the SARIF (message with its control characters as U+FFFD)."""
    by_place = {}
    for tool, result, uri, line in results:
        # The file property loses control characters too: the annotation may then name no file
        # GitHub knows, which is better than an escape sequence in the log.
        by_place.setdefault((controls_replaced(uri), line), []).append(result)
    annotated = 0
    for stream in ("stdout", "stderr"):
        commands, found = wc.commands_outside_stop_blocks(outputs[stream].decode())
        problems.extend(f"{stream}: {p}" for p in found)
        for line in commands:
            name, props, data = wc.parse_command(line)
            if not check(name in LAMINA_COMMANDS, f"{stream}: a command lamina does not write: "
                         f"{line[:200]!r}"):
                continue
            if name in ("group", "endgroup"):
                continue
            if props.get("title", "").startswith("lamina: more"):
                continue
            candidates = by_place.get((props.get("file"), int(props.get("line", 0))), [])
            rebuilt = [wc.issue_command(name, [(k, props[k]) for k in props],
                                        controls_replaced(r["message"]["text"]))
                       for r in candidates]
            check(line in rebuilt, f"{stream}: an annotation matches no SARIF result as "
                  f"@actions/core would write it: {line[:300]!r}")
            annotated += 1
    check(annotated > 0, "no annotation at all")


def controls_replaced(text):
    keep = "\t\n\r"
    invisible = re.compile("[\u0080-\u009f\u2028-\u202e\u2066-\u2069\u200e\u200f]")
    text = "".join("\ufffd" if (ord(c) < 0x20 and c not in keep) or c == "\x7f" else c
                   for c in text)
    return invisible.sub("\ufffd", text)


def check_summary(outputs):
    summary = outputs["runner/step_summary.md"].decode()
    check("<img" not in summary.lower(), "raw <img in the step summary")
    check(not re.search(r"\]\(\s*javascript:", summary, re.I), "javascript: link in the summary")
    check(not re.search(r"<\s*(script|a|iframe)\b", summary, re.I), "raw HTML tag in the summary")
    for table in re.findall(r"((?:^\|.*\n)+)", summary, re.M):
        rows = table.splitlines()
        columns = len(re.findall(r"(?<!\\)\|", rows[0]))
        for row in rows:
            cells = len(re.findall(r"(?<!\\)\|", row))
            check(cells == columns, f"a table row with {cells} pipes, not {columns}: {row[:200]}")


def check_outputs_and_gate(root, outputs, stats):
    values, lines = {}, outputs["runner/output"].decode().split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        i += 1
        if not line:
            continue
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            name, delimiter = line.split("<<", 1)
            end = lines.index(delimiter, i) if delimiter in lines[i:] else -1
            if not check(end >= 0, f"$GITHUB_OUTPUT: no end for {name}"):
                return
            values[name] = "\n".join(lines[i:end])
            i = end + 1
        else:
            name, _, value = line.partition("=")
            values[name] = value
    check(values.get("gate") == "fail", f"gate output {values.get('gate')!r}")
    check(values.get("failed-scanners") == EXPECTED_FAILURE,
          f"failed scanners {values.get('failed-scanners')!r}")
    check(values.get("sarif") == os.path.join(root, "out", "lamina.sarif"), "sarif output")
    check(stats["exit"] == EXPECTED_EXIT, f"exit code {stats['exit']}, not {EXPECTED_EXIT}")
    return values


def check_refusals(outputs):
    """paths.h: a path that leaves the repository is never reported as a path; its finding stays
    at repository level, counted, and the console says how many."""
    text = outputs["stdout"].decode()
    check(re.search(r"\b3 at repository level \(location not mapped into the repository\)",
                    text), "the three outside paths are not counted at repository level")


def check_run(root, schemas):
    with open(os.path.join(root, "expected.json"), encoding="utf-8") as f:
        expected = json.load(f)
    with open(os.path.join(root, "stats.json"), encoding="utf-8") as f:
        stats = json.load(f)
    dumps = []
    for name in sorted(os.listdir(expected["dump_dir"])):
        with open(os.path.join(expected["dump_dir"], name), encoding="utf-8") as f:
            dumps.append(json.load(f))
    check(dumps, "the custom scanner never ran")
    outputs = outputs_of(root)
    check_nothing_ran_or_was_written(root)
    check_no_leak_and_no_escape(root, outputs, dumps)
    check_scanner_argv(expected, dumps)
    results = check_sarif(root, schemas, expected)
    check_annotations(outputs, results)
    check_summary(outputs)
    check_outputs_and_gate(root, outputs, stats)
    check_refusals(outputs)
    check(not stats["hit_ceiling"], "the run hit its 10-minute ceiling (a hang)")
    check(stats["tree_max_rss_kib"] < PEAK_RSS_BOUND_KIB,
          f"peak RSS {stats['tree_max_rss_kib']} KiB over the 1 GiB bound")
    print(f"hostile PR: exit {stats['exit']}, wall {stats['wall_seconds']} s, peak RSS "
          f"{stats['own_max_rss_kib'] // 1024} MiB lamina itself, "
          f"{stats['tree_max_rss_kib'] // 1024} MiB largest process of the run")


def main():
    if sys.argv[1] == "snapshot":
        json.dump(snapshot(sys.argv[2]), sys.stdout)
        return 0
    check_run(sys.argv[2], sys.argv[3])
    for p in problems:
        print("FAIL:", p)
    if problems:
        print(f"{len(problems)} problem(s); the run's files: {sys.argv[2]}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
