#!/usr/bin/env python3
"""A hostile pull request against `pull_request_target` + `--config-from base` (issue 13, items 1,
2 and 5), for tests/integration/hostile_pr.sh.

  hostile_pr_target.py make ROOT       ROOT/repo: base `main` (a .lamina.yml with a token probe,
                                       an empty ci/baseline.sarif) and the PR branch `pr`, whose
                                       files try to run code in the scanners and to silence them;
                                       .git/config holds persisted credentials as actions/checkout
                                       and GitLab leave them; ROOT/event.json.
  hostile_pr_target.py commit-baseline ROOT SARIF
                                       the PR also rewrites ci/baseline.sarif to SARIF (the
                                       lamina.sarif of a first run), hiding its own findings.
  hostile_pr_target.py control ROOT OUT the control run (--config-from worktree): the PR's
                                       baseline does hide its findings there.
  hostile_pr_target.py check ROOT OUT  asserts the payloads never ran, the probe read no token,
                                       .git/config is back byte for byte, and every silenced
                                       finding reached OUT/lamina.sarif.
"""
import base64
import json
import os
import subprocess
import sys

GITHUB_TOKEN = "ghs_prTargetFAKEtoken0123456789abcdefAB"
JOB_TOKEN = "glcbt-64_prTargetFAKEjobTOKEN"
HEADER_TOKEN = base64.b64encode(b"x-access-token:" + GITHUB_TOKEN.encode()).decode()
INCLUDED_TOKEN = "ghs_includedFAKEtoken9876543210fedcbaZZ"
# Assembled here so lamina's own secret scan of this repository does not flag the file.
SECRET = "TOKEN=gh" + "p_wWPw5k4aXcaT4fNP0UcnZwJUVFk6LO0pINUx\n"

PROBE = r'''#!/usr/bin/env python3
# A scanner the base configuration runs: it tries to read lamina's environment and the git
# credentials a scanner could reach, and writes what it got next to the test.
import glob, json, os, sys
seen = {"ran": True}
with open("/proc/%d/cmdline" % os.getppid(), "rb") as f:  # world-readable: who the parent is
    seen["parent"] = f.read().decode("utf-8", "replace")
try:
    with open("/proc/%d/environ" % os.getppid(), "rb") as f:
        seen["environ"] = f.read().decode("utf-8", "replace")
except OSError as e:
    seen["environ_error"] = e.__class__.__name__
for path in [os.path.join(sys.argv[1], ".git", "config")] + glob.glob("@ROOT@/runner-temp/*"):
    with open(path, encoding="utf-8", errors="replace") as f:
        seen[path] = f.read()
seen["own_env"] = dict(os.environ)
with open("@ROOT@/probe.json", "w", encoding="utf-8") as f:
    json.dump(seen, f)
'''

LAMINA_YML = """\
# The base branch's configuration: trusted.
fail_on: sev3
scanners:
  probe:
    name: Token probe
    layer: inline
    files: ["*"]
    scope: repo
    command: [python3, "@ROOT@/probe.py", "{repo}"]
    output: {from: stdout, format: gcc}
    exit_codes: [0]
"""

EMPTY_SARIF = '{"version": "2.1.0", "runs": []}\n'


def payload(root, name):
    return ("require('fs').writeFileSync(%s, 'ran');\n" % json.dumps(os.path.join(root, name)))


# What the pull request adds: per tool family, a file with a finding and the files that would
# silence it (or run code inside the scanner) if the tool read them from the checkout.
def pr_files(root):
    return {
        # eslint: the plugin and the formatter by Node's self-reference, a project config, and a
        # planted node_modules the scanner must not load either (no node_modules in the change:
        # only the package.json trick, as in the issue).
        "web/package.json": '{"name": "eslint-plugin-security", "exports": "./evil.js"}\n',
        "web/evil.js": payload(root, "pwned-plugin") + "module.exports = {rules: {}};\n",
        "web/eslint.config.js": payload(root, "pwned-config") + "module.exports = [];\n",
        "web/src/handler.js": "module.exports = function (input) { return eval(input); };\n",
        "ui/package.json":
            '{"name": "@microsoft/eslint-formatter-sarif", "exports": "./evil.js"}\n',
        "ui/evil.js": payload(root, "pwned-formatter") + "module.exports = () => '';\n",
        "ui/app.js": "module.exports = (x) => eval(x);\n",
        # secretlint
        ".secretlintignore": "config/ci.env\n**/*\n",
        ".secretlintrc.json": '{"rules": []}\n',
        "config/ci.env": SECRET,
        # shellcheck
        ".shellcheckrc": "disable=all\n",
        "deploy/run.sh": "#!/bin/bash\nrm -rf $1/*\n",
        # yamllint
        ".yamllint": "extends: relaxed\nrules: {key-duplicates: disable}\nignore: '*'\n",
        "deploy/values.yaml": "---\nreplicas: 1\nreplicas: 2\n",
        # codespell
        ".codespellrc": "[codespell]\nignore-words-list = recieve\nskip = *\n",
        "setup.cfg": "[codespell]\nignore-regex = .*\n",
        "docs/notes.md": "We recieve data.\n",
        # bandit
        ".bandit": "[bandit]\nskips: B602,B404\nexclude: app\n",
        "app/.bandit": "[bandit]\nskips: B602,B404\n",
        "app/run.py": "import subprocess\nsubprocess.call(input(), shell=True)\n",
        # inline suppression comments on the lines the pull request adds
        "app/quiet.py": "import subprocess\nsubprocess.call(input(), shell=True)  # nosec B602\n",
        "deploy/quiet.sh": "#!/bin/sh\n# shellcheck disable=SC2086\nrm -rf $1/cache\n",
    }


# (tool, rule id as lamina.sarif names it, file) that must gate despite the silencing files.
EXPECTED = [
    ("eslint", "security/detect-eval-with-expression", "web/src/handler.js"),
    ("eslint", "security/detect-eval-with-expression", "ui/app.js"),
    ("secretlint", None, "config/ci.env"),
    ("shellcheck", "SC2086", "deploy/run.sh"),
    ("yamllint", "key-duplicates", "deploy/values.yaml"),
    ("codespell", "misspelling", "docs/notes.md"),
    ("bandit", "B602", "app/run.py"),
]
# Under --config-from base only: lamina's own findings for the suppression comments the pull
# request adds (bandit and shellcheck honour them, so their own findings there are silenced).
SUPPRESSIONS = [("app/quiet.py", 2), ("deploy/quiet.sh", 2)]
MARKERS = ["pwned-plugin", "pwned-config", "pwned-formatter"]


os.environ.update(GIT_AUTHOR_NAME="pr", GIT_AUTHOR_EMAIL="pr@example.com",
                  GIT_COMMITTER_NAME="pr", GIT_COMMITTER_EMAIL="pr@example.com")


def git(repo, *args):
    return subprocess.run(["git", "-C", repo, *args], check=True, stdout=subprocess.PIPE,
                          text=True).stdout.strip()


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def commit(repo, message):
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)
    return git(repo, "rev-parse", "HEAD")


def write_event(root, base, head):
    event = {"action": "synchronize", "number": 9, "pull_request": {
        "number": 9, "title": "harmless", "merged": False,
        "base": {"ref": "main", "sha": base}, "head": {"ref": "pr", "sha": head}},
        "repository": {"full_name": "octo/target", "default_branch": "main"}}
    write(os.path.join(root, "event.json"), json.dumps(event))
    write(os.path.join(root, "shas.json"), json.dumps({"base": base, "head": head}))


def make(root):
    repo = os.path.join(root, "repo")
    subprocess.run(["git", "init", "-q", "-b", "main", repo], check=True)
    write(os.path.join(root, "probe.py"), PROBE.replace("@ROOT@", root))
    write(os.path.join(repo, ".lamina.yml"), LAMINA_YML.replace("@ROOT@", root))
    write(os.path.join(repo, "ci", "baseline.sarif"), EMPTY_SARIF)
    write(os.path.join(repo, "README.md"), "A project.\n")
    base = commit(repo, "base")
    git(repo, "checkout", "-q", "-b", "pr")
    for name, text in pr_files(root).items():
        write(os.path.join(repo, name), text)
    head = commit(repo, "pr: harmless changes")
    # What actions/checkout (persist-credentials) and a GitLab runner leave in the checkout.
    git(repo, "config", "http.https://github.com/.extraheader",
        "AUTHORIZATION: basic " + HEADER_TOKEN)
    git(repo, "remote", "add", "origin",
        "https://gitlab-ci-token:%s@gitlab.example.com/octo/target.git" % JOB_TOKEN)
    included = os.path.join(root, "runner-temp", "git-credentials-1.config")
    write(included, '[http "https://github.com/"]\n\textraheader = AUTHORIZATION: basic %s\n'
          % INCLUDED_TOKEN)
    git(repo, "config", "includeIf.gitdir:%s/.git.path" % repo, included)
    write_event(root, base, head)
    snapshot = {p: open(p, "rb").read().hex() for p in credential_files(root)}
    write(os.path.join(root, "credentials-before.json"), json.dumps(snapshot))


def credential_files(root):
    return [os.path.join(root, "repo", ".git", "config"),
            os.path.join(root, "runner-temp", "git-credentials-1.config")]


def commit_baseline(root, sarif):
    repo = os.path.join(root, "repo")
    with open(sarif, encoding="utf-8") as f:
        write(os.path.join(repo, "ci", "baseline.sarif"), f.read())
    head = commit(repo, "pr: the baseline lists every finding")
    base = json.load(open(os.path.join(root, "shas.json")))["base"]
    write_event(root, base, head)


def fail(message):
    print("FAIL: " + message, file=sys.stderr)
    sys.exit(1)


def results(out):
    sarif = json.load(open(os.path.join(out, "lamina.sarif"), encoding="utf-8"))
    found = []
    for run in sarif["runs"]:
        tool = run["tool"]["driver"]["name"]
        for r in run.get("results", []):
            locations = r.get("locations") or [{}]
            loc = locations[0].get("physicalLocation", {}).get("artifactLocation", {}).get("uri", "")
            found.append((tool, r.get("ruleId", ""), loc, r.get("baselineState")))
    return found


def control(out):
    """The same pull request with the configuration read from the working tree: its baseline does
    hide its findings, so the check above can fail."""
    found = results(out)
    for tool, rule, path in EXPECTED:
        hits = [f for f in found if f[0].lower().startswith(tool) and path in f[2]
                and (rule is None or f[1].endswith(rule))]
        if not hits or any(f[3] != "unchanged" for f in hits):
            fail("control: %s's finding in %s is not hidden by the pull request's baseline: %s"
                 % (tool, path, hits))


def check(root, out):
    for marker in MARKERS:
        if os.path.exists(os.path.join(root, marker)):
            fail("the pull request's code ran inside a scanner (%s)" % marker)
    probe_path = os.path.join(root, "probe.json")
    if not os.path.exists(probe_path):
        fail("the probe scanner never ran: the token checks below would prove nothing")
    probe = json.load(open(probe_path, encoding="utf-8"))
    if "lamina" not in probe.get("parent", ""):
        fail("the probe's parent is not lamina: %r" % probe.get("parent"))
    if "environ" in probe:
        if os.getuid() != 0:
            fail("a scanner read /proc/<lamina>/environ")
        # As root (this sandbox) the kernel let the probe read it even without CAP_SYS_PTRACE in
        # the bounding set: not verified here; a runner's user or a container must check it.
        print("NOTE: running as root, the probe could read /proc/<lamina>/environ", file=sys.stderr)
        del probe["environ"]
    text = json.dumps(probe)
    for token in (GITHUB_TOKEN, JOB_TOKEN, HEADER_TOKEN, INCLUDED_TOKEN):
        if token in text:
            fail("a scanner could read the token %s…" % token[:12])
    if os.path.join(root, "repo", ".git", "config") not in probe:
        fail("the probe did not read .git/config")
    before = json.load(open(os.path.join(root, "credentials-before.json")))
    for path, data in before.items():
        if open(path, "rb").read().hex() != data:
            fail("%s is not back as it was after the scan" % path)
    found = results(out)
    for tool, rule, path in EXPECTED:
        hits = [f for f in found if f[0].lower().startswith(tool) and path in f[2]
                and (rule is None or f[1].endswith(rule)) and f[3] in (None, "new")]
        if not hits:
            fail("%s's finding in %s was silenced; lamina.sarif has %s" % (tool, path, found))
    for path, line in SUPPRESSIONS:
        sarif = json.load(open(os.path.join(out, "lamina.sarif"), encoding="utf-8"))
        hits = [r for run in sarif["runs"] for r in run.get("results", [])
                if r.get("ruleId") == "inline-suppression"
                and r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == path
                and r["locations"][0]["physicalLocation"]["region"]["startLine"] == line]
        if not hits:
            fail("the suppression comment the pull request adds in %s:%d is not reported" % (path, line))
    print("hostile pull_request_target: no payload ran, no token was readable, %d findings "
          "gated despite the pull request's scanner configuration and baseline, %d added "
          "suppression comments reported" % (len(EXPECTED), len(SUPPRESSIONS)))


if __name__ == "__main__":
    command = sys.argv[1]
    if command == "make":
        make(os.path.abspath(sys.argv[2]))
    elif command == "commit-baseline":
        commit_baseline(os.path.abspath(sys.argv[2]), sys.argv[3])
    elif command == "control":
        control(sys.argv[3])
    elif command == "check":
        check(os.path.abspath(sys.argv[2]), sys.argv[3])
    else:
        fail("unknown command " + command)
