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


# The commands the runner registers (actions/runner ActionCommandManager and its extensions).
REGISTERED = {"add-mask", "add-matcher", "remove-matcher", "stop-commands", "warning", "error",
              "notice", "debug", "group", "endgroup", "echo", "save-state", "set-output",
              "set-env", "add-path"}

# .NET char.IsWhiteSpace: what String.TrimStart() removes.
DOTNET_WHITESPACE = set("\t\n\v\f\r \x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000") | {
    chr(c) for c in range(0x2000, 0x200b)}

# Characters an ICU (culture-sensitive) comparison skips: controls other than tab, line ends and
# the format characters and other default-ignorable code points. The runner's IndexOf("##[") and
# StartsWith("::") are culture-sensitive; this port treats them as absent, which is stricter than
# an invariant-culture runner.
IGNORABLE = re.compile(
    "[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\xad\u034f\u0600-\u0605\u061c\u06dd\u070f"
    "\u0890\u0891\u08e2\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufffb\U000110bd\U000110cd"
    "\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff]")


def runner_lines(text):
    """Output split as .NET's StreamReader.ReadLine splits it: at CR LF, CR or LF."""
    return re.split(r"\r\n|\r|\n", text)


def parse_v2(line, registered):
    """ActionCommand.TryParseV2: `::name props::data` after TrimStart."""
    text = line.lstrip("".join(DOTNET_WHITESPACE))
    if not text.startswith("::"):
        return None
    end = text.find("::", 2)
    if end < 0:
        return None
    info = text[2:end]
    name = info.split(" ", 1)[0]
    if name not in registered:
        return None
    props = {}
    if " " in info:
        for entry in info.split(" ", 1)[1].strip().split(","):
            pair = [p for p in entry.split("=", 1) if p]
            if entry and len(pair) == 2:
                props[pair[0]] = unescape(pair[1])
    return name, props, unescape(text[end + 2:])


def parse_v1(line, registered):
    """ActionCommand.TryParse: `##[name k=v;k=v]data` anywhere in the line."""
    start = line.find("##[")
    if start < 0:
        return None
    close = line.find("]", start)
    if close < 0:
        return None
    info = line[start + 3:close]
    name = info.split(" ", 1)[0]
    if name not in registered:
        return None
    data = line[close + 1:]
    for code, char in (("%3B", ";"), ("%0D", "\r"), ("%0A", "\n"), ("%5D", "]"), ("%25", "%")):
        data = data.replace(code, char)
    return name, {}, data


def runner_commands(text):
    """Every command the runner obeys in `text`, as (line, form, name, props, data) with form
    "v2" or "v1" and `line` as the runner compares it (ignorable characters left out), following stop-commands as ActionCommandManager does: once stopped, only a
    command named after the token (either form) resumes, and nothing else is obeyed."""
    registered = set(REGISTERED)
    stop_token = None
    obeyed = []
    for line in runner_lines(text):
        seen = IGNORABLE.sub("", line)
        parsed, form = parse_v2(seen, registered), "v2"
        if parsed is None:
            parsed, form = parse_v1(seen, registered), "v1"
        if parsed is None:
            continue
        name, props, data = parsed
        if stop_token is not None:
            if name.lower() == stop_token.lower():
                registered.discard(stop_token)
                stop_token = None
                obeyed.append((seen, form, "resume-commands", {}, ""))
            continue
        if name == "stop-commands":
            stop_token = data
            registered.add(data)
        obeyed.append((seen, form, name, props, data))
    return obeyed, stop_token


def commands_outside_stop_blocks(text):
    """Every `::` command line the runner obeys (leading whitespace trimmed), skipping what lies
    between ::stop-commands::TOKEN and ::TOKEN::. `##[` commands (anywhere in a line), a
    guessable or unclosed stop-commands block are problems. Returns (commands, problems)."""
    commands, problems = [], []
    obeyed, open_token = runner_commands(text)
    for line, form, name, _props, data in obeyed:
        if form == "v1":
            problems.append(f"a ##[ command the runner obeys: {line!r}")
            continue
        if name == "resume-commands":
            continue
        if name == "stop-commands":
            if not re.fullmatch(r"[0-9a-f]{32}", data):
                problems.append(f"a guessable stop-commands token: {line!r}")
            continue
        commands.append(line.lstrip("".join(DOTNET_WHITESPACE)))
    if open_token is not None:
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
