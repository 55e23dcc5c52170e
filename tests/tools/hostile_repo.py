#!/usr/bin/python3
"""Builds the hostile pull request of tests/integration/hostile_pr.sh: a real git repository whose
base commit holds a `.lamina.yml` with a custom scanner (tests/tools/hostile_scanner.py), and whose
PR head adds files with hostile names, a symlink out of the repository, a 200 MB binary, 50,000
small files and a CRLF file; GITHUB_SHA is the test merge commit, as on refs/pull/N/merge.

Usage: hostile_repo.py ROOT  (ROOT is an empty directory; writes ROOT/repo, ROOT/event.json and
ROOT/expected.json, which lists what the checks need to know about the repository.)"""
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
PR_NUMBER = 7
BIG_BINARY = "big-binary.sh"  # a scanner glob matches it: binary detection must keep it out
BIG_BINARY_SIZE = 200 * 1024 * 1024
SYMLINK = "etc-passwd.sh"
MANY_DIRS, MANY_PER_DIR = 50, 1000
SHELL_WITH_FINDING = b"#!/bin/sh\necho $1\n"  # SC2086 on line 2: the argument is unquoted
PYTHON_WITH_FINDING = b"import subprocess\nsubprocess.call(input(), shell=True)\n"
CRLF_NAME = "crlf.sh"
CRLF_CONTENT = b"#!/bin/sh\r\necho $1"  # CRLF line ends, no final newline

# Names that are shell syntax, options, workflow commands or control characters. Each holds a
# finding for the scanner its glob or shebang selects.
HOSTILE_NAMES = {
    "$(touch pwned).sh": SHELL_WITH_FINDING,
    "-rf": SHELL_WITH_FINDING,  # no extension: selected by its shebang, passed as ./-rf
    "--output=x.sh": SHELL_WITH_FINDING,
    "a\nb.sh": SHELL_WITH_FINDING,
    "%0A::error::x.py": PYTHON_WITH_FINDING,
    "ü😀.sh": SHELL_WITH_FINDING,
    "esc-\x1b[31m-\x07.sh": SHELL_WITH_FINDING,
    CRLF_NAME: CRLF_CONTENT,
}

HOSTILE_TITLE = "::error::title %0A::set-output name=x::y <img src=x onerror=alert(1)> \x1b[31m"
HOSTILE_BRANCH = "feature/$(touch${IFS}pwned)"

LAMINA_YML = """\
# The base branch's configuration: trusted, like the workflow that runs lamina.
scanners:
  hostile:
    name: Hostile scanner
    layer: inline
    files: ["*", "!many/**"]
    command: [python3, tools/hostile_scanner.py, --, "{files}"]
    output: {from: stdout, format: sarif}
    exit_codes: [0]
    timeout: 2m
  secretlint:
    # It needs more than its 3-minute timeout for 50,000 files here (measured); the other
    # scanners still get the whole change.
    exclude: ["many/**"]
"""


def git(repo, *args, env=None):
    subprocess.run(["git", "-C", repo, *args], check=True, env=env, stdout=subprocess.DEVNULL)


def git_out(repo, *args):
    return subprocess.run(["git", "-C", repo, *args], check=True, capture_output=True,
                          text=True).stdout.strip()


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def commit(repo, message):
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--no-verify", "-m", message)
    return git_out(repo, "rev-parse", "HEAD")


def make_base(repo, dump_dir):
    git(repo, "init", "-q", "-b", "main")
    for key, value in (("user.name", "Base Author"), ("user.email", "base@example.com"),
                       ("commit.gpgsign", "false"), ("core.autocrlf", "false")):
        git(repo, "config", key, value)
    write(os.path.join(repo, "README.md"), b"# hostile\n")
    write(os.path.join(repo, ".lamina.yml"), LAMINA_YML.encode())
    with open(os.path.join(HERE, "hostile_scanner.py"), encoding="utf-8") as f:
        scanner = f.read().replace("@DUMP_DIR@", dump_dir)
    write(os.path.join(repo, "tools", "hostile_scanner.py"), scanner.encode())
    return commit(repo, "base: configuration and the custom scanner")


def make_head(repo):
    git(repo, "checkout", "-q", "-b", "hostile")
    for name, content in HOSTILE_NAMES.items():
        write(os.path.join(repo, name), content)
    os.symlink("/etc/passwd", os.path.join(repo, SYMLINK))
    with open(os.path.join(repo, BIG_BINARY), "wb") as f:
        f.write(b"\x7fELF\x02\x01\x01\x00")  # a header, then zeros: sparse on disk
        f.truncate(BIG_BINARY_SIZE)
    for d in range(MANY_DIRS):
        for i in range(MANY_PER_DIR):
            write(os.path.join(repo, "many", f"d{d:02}", f"f{i:04}.txt"), b"small file\n")
    return commit(repo, "hostile: names, symlink, 200 MB binary, 50,000 files, CRLF")


def make_merge(repo, base, head):
    """The test merge commit GitHub makes on refs/pull/N/merge: head's tree, parents base and
    head. The working tree already holds head's tree, so the checkout rewrites nothing."""
    tree = git_out(repo, "rev-parse", head + "^{tree}")
    merge = subprocess.run(
        ["git", "-C", repo, "commit-tree", tree, "-p", base, "-p", head, "-m",
         f"Merge {head} into {base}"], check=True, capture_output=True, text=True).stdout.strip()
    git(repo, "update-ref", f"refs/pull/{PR_NUMBER}/merge", merge)
    git(repo, "checkout", "-q", "--detach", merge)
    return merge


def event_payload(base, head):
    return {
        "action": "synchronize",
        "number": PR_NUMBER,
        "pull_request": {
            "number": PR_NUMBER,
            "title": HOSTILE_TITLE,
            "body": "[x](javascript:alert(1)) <img src=x onerror=alert(1)>",
            "merged": False,
            "base": {"ref": "main", "sha": base, "label": "octo:main"},
            "head": {"ref": HOSTILE_BRANCH, "sha": head, "label": "evil:" + HOSTILE_BRANCH},
        },
        "repository": {"full_name": "octo/hostile", "default_branch": "main"},
    }


def main():
    root = os.path.abspath(sys.argv[1])
    repo = os.path.join(root, "repo")
    dump_dir = os.path.join(root, "scanner-dumps")
    os.makedirs(repo)
    os.makedirs(dump_dir)
    base = make_base(repo, dump_dir)
    head = make_head(repo)
    merge = make_merge(repo, base, head)
    with open(os.path.join(root, "event.json"), "w", encoding="utf-8") as f:
        json.dump(event_payload(base, head), f, ensure_ascii=False)
    expected = {
        "base": base, "head": head, "merge": merge, "pr_number": PR_NUMBER,
        "hostile_names": sorted(HOSTILE_NAMES), "symlink": SYMLINK, "big_binary": BIG_BINARY,
        "many_files": MANY_DIRS * MANY_PER_DIR, "crlf": CRLF_NAME, "dump_dir": dump_dir,
        "branch": HOSTILE_BRANCH, "title": HOSTILE_TITLE,
    }
    with open(os.path.join(root, "expected.json"), "w", encoding="utf-8") as f:
        json.dump(expected, f, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
