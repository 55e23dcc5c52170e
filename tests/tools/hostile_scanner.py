#!/usr/bin/python3
"""The custom scanner of the hostile pull request (tests/integration/hostile_pr.sh), committed in
the test repository's base by hostile_repo.py, which replaces @DUMP_DIR@ with a folder of the
test. Run by lamina with argv `-- FILE...`; it records the argv and environment it was given
(DUMP_DIR/<pid>.json), then prints SARIF whose every text field tries an injection: workflow
commands, Markdown and HTML, ANSI escapes, and paths outside the repository."""
import json
import os
import sys
import urllib.parse

DUMP_DIR = "@DUMP_DIR@"

# Each line is a different channel's attack; "\x1b" and "\x07" are raw ESC and BEL bytes.
INJECTION = "\n".join([
    "::error::injected error",
    "%0A::warning::percent-encoded newline",
    "\r\n::set-output name=pwned::1",
    "::add-mask::x ##[set-output name=pwned;]1",
    "<img src=x onerror=alert(1)> [x](javascript:alert(1)) | table | cell |",
    "\x1b[31mred\x1b[0m \x1b]8;;https://evil.example/\x07link\x1b]8;;\x07",
    "$(touch pwned) `touch pwned`",
])
OUTSIDE_PATHS = ["../../etc/passwd", "/etc/shadow", "file:///etc/hosts"]
RULE_ID = "HOSTILE::error::rule,1"


def dump_invocation():
    record = {"argv": sys.argv[1:], "env": dict(os.environ), "cwd": os.getcwd()}
    with open(os.path.join(DUMP_DIR, f"{os.getpid()}.json"), "w", encoding="utf-8") as f:
        json.dump(record, f, ensure_ascii=False)


def result(uri, base_id=None):
    location = {"uri": uri}
    if base_id:
        location["uriBaseId"] = base_id
    return {
        "ruleId": RULE_ID,
        "level": "error",
        "message": {"text": INJECTION},
        "locations": [{"physicalLocation": {"artifactLocation": location,
                                            "region": {"startLine": 1}}}],
    }


def main():
    dump_invocation()
    files = sys.argv[sys.argv.index("--") + 1:] if "--" in sys.argv else sys.argv[1:]
    results = []
    for name in files:
        relative = name[2:] if name.startswith("./") else name
        results.append(result(urllib.parse.quote(relative), "SRCROOT"))
    results.extend(result(path) for path in OUTSIDE_PATHS)
    rule = {
        "id": RULE_ID,
        "name": "Hostile | rule <img src=x onerror=alert(1)>",
        "shortDescription": {"text": INJECTION},
        "properties": {"security-severity": "9.8"},
    }
    sarif = {
        "version": "2.1.0",
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "runs": [{
            "tool": {"driver": {"name": "hostile\x1b[2J::error::tool", "rules": [rule]}},
            "originalUriBaseIds": {
                "SRCROOT": {"uri": "file://" + urllib.parse.quote(os.getcwd()) + "/"}},
            "results": results,
        }],
    }
    json.dump(sarif, sys.stdout)


if __name__ == "__main__":
    main()
