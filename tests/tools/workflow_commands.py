#!/usr/bin/python3
"""GitHub workflow commands as @actions/core 3.0.1 writes them and as the runner reads them
(shared/notes/platform-specs.md B1, B2), for the integration tests' checks. Importable; run on its
own it checks issue_command() against tests/data/actions-core-golden.txt."""
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def escape_data(text):
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text):
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def unescape(text):
    """The runner's order: %0D, %0A, %3A, %2C, and %25 last."""
    for code, char in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        text = text.replace(code, char)
    return text


def issue_command(name, properties, message):
    """@actions/core's issueCommand: properties with falsy values dropped."""
    line = "::" + name
    kept = [(k, str(v)) for k, v in properties if v]
    if properties:
        line += " " + ",".join(f"{k}={escape_property(v)}" for k, v in kept)
    return line + "::" + escape_data(message)


# The calls that produced tests/data/actions-core-golden.txt, in its order.
GOLDEN_CALLS = [
    ("error", [("file", "src/a b.c"), ("line", 12), ("endLine", 12), ("col", 3), ("endColumn", 9),
               ("title", "CWE-89: SQL, injection")], "User input 100% reaches\r\nexecute()"),
    ("warning", [("file", "dir/x,y:z.py"), ("line", 1)], "multi\nline"),
    ("notice", [], "plain"),
    ("error", [("title", "t"), ("file", "f"), ("line", 5), ("col", 2)], '{"obj":1}'),
    ("error", [("title", ""), ("line", 0)], "falsy props dropped"),
]


def parse_command(line):
    """(name, {key: value}, data) as the runner parses a `::` line, or None when it is not one."""
    text = line.lstrip()
    if not text.startswith("::"):
        return None
    end = text.find("::", 2)
    if end < 0:
        return None
    info, data = text[2:end], text[end + 2:]
    name, _, props_text = info.partition(" ")
    props = {}
    for entry in props_text.split(","):
        if entry:
            key, _, value = entry.partition("=")
            props[key] = unescape(value)
    return name, props, unescape(data)


def commands_outside_stop_blocks(text):
    """Every line the runner would treat as a command: `::` lines (leading whitespace trimmed)
    and `##[` lines, skipping what lies between ::stop-commands::TOKEN and ::TOKEN::. Returns
    (commands, problems)."""
    commands, problems, stop_token = [], [], None
    for line in text.split("\n"):
        stripped = line.lstrip()
        if stop_token is not None:
            if stripped == f"::{stop_token}::":
                stop_token = None
            continue
        if stripped.startswith("##["):
            problems.append(f"a ##[ command line: {line!r}")
        if not stripped.startswith("::"):
            continue
        parsed = parse_command(stripped)
        if parsed and parsed[0] == "stop-commands":
            stop_token = parsed[2]
            if not re.fullmatch(r"[0-9a-f]{32}", stop_token):
                problems.append(f"a guessable stop-commands token: {line!r}")
            continue
        commands.append(stripped)
    if stop_token is not None:
        problems.append("a stop-commands block is never closed")
    return commands, problems


def main():
    with open(os.path.join(HERE, "..", "data", "actions-core-golden.txt"), encoding="utf-8") as f:
        golden = f.read().splitlines()
    mine = [issue_command(*call) for call in GOLDEN_CALLS]
    for want, got in zip(golden, mine):
        if want != got:
            print(f"differs from @actions/core:\n  core: {want}\n  ours: {got}")
            return 1
    print(f"{len(golden)} golden lines reproduced")
    return 0 if len(golden) == len(mine) else 1


if __name__ == "__main__":
    sys.exit(main())
