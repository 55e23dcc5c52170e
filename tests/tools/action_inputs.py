#!/usr/bin/env python3
"""Prints what the GitHub runner gives a Docker action, read from action.yml: one `-e` podman
option per input (INPUT_<NAME>=value, the `with:` value given as NAME=VALUE on the command line,
else the input's default; `${{ }}` defaults become ""), then `--entrypoint X` when runs.entrypoint
is set, then `--` and runs.args. One item per line, for `mapfile`."""
import sys

import yaml

action = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
given = dict(arg.split("=", 1) for arg in sys.argv[2:])
unknown = set(given) - set(action["inputs"])
if unknown:
    sys.exit(f"action_inputs.py: action.yml has no input(s) {sorted(unknown)}")
out = []
for name, spec in action["inputs"].items():
    value = given.get(name, str(spec.get("default", "")))
    if "${{" in value:
        value = ""
    out += ["-e", f"INPUT_{name.upper()}={value}"]
if action["runs"].get("entrypoint"):
    out += ["--entrypoint", action["runs"]["entrypoint"]]
out.append("--")
out += [str(a) for a in action["runs"].get("args", [])]
for item in out:
    if "\n" in item:
        sys.exit(f"action_inputs.py: a value with a newline cannot be passed line by line: {item!r}")
    print(item)
