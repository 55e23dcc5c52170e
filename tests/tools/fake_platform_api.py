#!/usr/bin/python3
"""A local GitHub and GitLab REST API for the publish tests: it checks each request lamina makes
against GitHub's OpenAPI description (tests/data/platform-apis/github-rest-subset.json: the
request body against the operation's schema, the path against its template) and GitLab's
documented request shapes, keeps state (check runs, comments, review comments, SARIF uploads,
merge request notes, discussions, commit statuses) and answers as the services do, including
their errors: 401 for a wrong token, 403 for a read-only one, 404, 422 (more than 50 annotations in
one request, a review comment on a line outside the diff), and, when asked, a 502 or a secondary
rate limit (403 + Retry-After) once. Lists are served 2 items per page with a Link header, so
every list lamina reads is paginated.

Usage: fake_platform_api.py DIR [--token T] [--read-only] [--faults F,...] [--diff-lines PATH:N,...]
Writes DIR/port when listening, appends one JSON line per request to DIR/requests.jsonl, and keeps
its state in DIR/state.json (read by the tests; loaded again when the server restarts, so
several lamina runs see one history). Faults: "502:POST /repos/o/r/check-runs" (the first such
request gets a 502), "ratelimit:GET /repos/o/r/issues/7/comments" (a secondary rate limit once),
"sarif-failed" (code scanning reports processing failed).
"""
import argparse
import base64
import copy
import gzip
import json
import os
import re
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, quote, urlsplit

import jsonschema

HERE = os.path.dirname(os.path.abspath(__file__))
GITHUB_SPEC = os.path.join(HERE, "..", "data", "platform-apis", "github-rest-subset.json")
PAGE_SIZE = 2


def load_github_operations():
    """(method, regex, template, body schema) for each operation, $refs inlined and OpenAPI's
    `nullable` turned into JSON Schema's null type."""
    with open(GITHUB_SPEC, encoding="utf-8") as f:
        spec = json.load(f)

    def resolve(node, seen=()):
        if isinstance(node, dict):
            if "$ref" in node:
                ref = node["$ref"]
                if ref in seen:
                    return {}
                target = spec
                for part in ref[2:].split("/"):
                    target = target[part.replace("~1", "/").replace("~0", "~")]
                return resolve(target, seen + (ref,))
            out = {k: resolve(v, seen) for k, v in node.items()}
            if out.get("nullable") is True and isinstance(out.get("type"), str):
                out["type"] = [out["type"], "null"]
            return out
        if isinstance(node, list):
            return [resolve(v, seen) for v in node]
        return node

    ops = []
    for template, methods in spec["paths"].items():
        regex = "^" + re.sub(r"\{[^}]+\}", "[^/]+", template) + "$"
        for method, op in methods.items():
            schema = None
            body = op.get("requestBody", {}).get("content", {}).get("application/json")
            if body:
                schema = resolve(body["schema"])
            ops.append((method.upper(), re.compile(regex), template, schema, op.get("requestBody", {}).get("required", False)))
    return ops


class State:
    def __init__(self, path):
        self.path = path
        self.lock = threading.Lock()
        if os.path.exists(path):
            with open(path, encoding="utf-8") as f:
                self.data = json.load(f)
        else:
            self.data = {"next_id": 1000, "check_runs": {}, "issue_comments": {}, "review_comments": {},
                         "sarifs": {}, "notes": {}, "discussions": {}, "statuses": [],
                         "faults_used": []}

    def new_id(self):
        self.data["next_id"] += 1
        return self.data["next_id"]

    def save(self):
        tmp = self.path + ".tmp"
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(self.data, f, indent=1, sort_keys=True)
        os.replace(tmp, self.path)


def make_handler(args, state, ops):
    faults = [f for f in (args.faults or "").split(",") if f]
    diff_lines = set((args.diff_lines or "").split(",")) if args.diff_lines else None

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *a):
            pass

        def reply(self, status, body=None, headers=None):
            data = b"" if body is None else json.dumps(body).encode()
            self.send_response(status)
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            if body is not None:
                self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
            self.status = status

        def record(self, body):
            entry = {"method": self.command, "path": self.path, "status": getattr(self, "status", 0)}
            if self.problems:
                entry["problems"] = self.problems
            with open(os.path.join(args.dir, "requests.jsonl"), "a", encoding="utf-8") as f:
                f.write(json.dumps(entry) + "\n")

        def fault(self, kind, what):
            key = kind + ":" + what
            if key in faults and key not in state.data["faults_used"]:
                state.data["faults_used"].append(key)
                state.save()
                return True
            return False

        def paginate(self, items):
            query = parse_qs(urlsplit(self.path).query)
            page = int(query.get("page", ["1"])[0])
            start = (page - 1) * PAGE_SIZE
            headers = {}
            if start + PAGE_SIZE < len(items):
                # As GitHub and GitLab do: the next page's URL keeps every other query parameter.
                base = "http://%s%s" % (self.headers["Host"], urlsplit(self.path).path)
                rest = [(k, v) for k, vs in query.items() if k != "page" for v in vs]
                other = "".join("%s=%s&" % (k, quote(v, safe=",")) for k, v in rest)
                headers["Link"] = '<%s?%spage=%d>; rel="next", <%s?%spage=1>; rel="first"' % (base, other, page + 1, base, other)
            self.reply(200, items[start:start + PAGE_SIZE], headers)

        def handle_any(self):
            self.problems = []
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            body = None
            if raw:
                try:
                    body = json.loads(raw)
                except ValueError:
                    self.problems.append("body is not JSON")
            path = urlsplit(self.path).path
            what = self.command + " " + path
            with state.lock:
                try:
                    if path.startswith("/api/v4/"):
                        self.gitlab(path[len("/api/v4"):], body, what)
                    else:
                        self.github(path, body, what)
                except Exception as e:  # a bug here must show in the test, not hang it
                    self.problems.append("server error: %r" % e)
                    self.reply(500, {"message": "fake server error"})
                state.save()
                self.record(body)

        do_GET = do_POST = do_PATCH = do_PUT = do_DELETE = handle_any

        # ---- GitHub -----------------------------------------------------------------------
        def github(self, path, body, what):
            auth = self.headers.get("Authorization", "")
            if auth != "Bearer " + args.token:
                return self.reply(401, {"message": "Bad credentials"})
            if not self.headers.get("User-Agent"):
                self.problems.append("no User-Agent (GitHub refuses such requests)")
            if self.headers.get("Accept") != "application/vnd.github+json":
                self.problems.append("Accept is not application/vnd.github+json")
            # GET /repos/{owner}/{repo}/pulls/{pull_number} is not in the vendored subset of
            # GitHub's description (a GET, no body to check): served from the state's "pulls".
            m = re.match(r"^/repos/[^/]+/[^/]+/pulls/(\d+)$", path)
            if m and self.command == "GET":
                pull = state.data.get("pulls", {}).get(m.group(1))
                return self.reply(200, pull) if pull else self.reply(404, {"message": "Not Found"})
            op = [o for o in ops if o[0] == self.command and o[1].match(path)]
            if not op:
                self.problems.append("no operation %s in GitHub's description" % what)
                return self.reply(404, {"message": "Not Found"})
            method, _, template, schema, required = op[0]
            if schema is not None and (body is not None or required):
                try:
                    jsonschema.validate(body, schema)
                except jsonschema.ValidationError as e:
                    self.problems.append("%s %s: %s at /%s" % (method, template, e.message[:300], "/".join(map(str, e.absolute_path))))
                    return self.reply(422, {"message": "Invalid request.", "errors": [e.message[:200]]})
            if self.fault("502", what):
                return self.reply(502, {"message": "Server Error"})
            if self.fault("ratelimit", what):
                return self.reply(403, {"message": "You have exceeded a secondary rate limit."}, {"Retry-After": "1"})
            if args.read_only and self.command != "GET":
                return self.reply(403, {"message": "Resource not accessible by integration"})
            m = re.match(r"^/repos/([^/]+/[^/]+)/(.*)$", path)
            repo, rest = m.group(1), m.group(2)
            d = state.data
            if rest == "check-runs" and self.command == "POST":
                if len(body.get("output", {}).get("annotations", [])) > 50:
                    return self.reply(422, {"message": "Validation Failed", "errors": ["annotations: at most 50"]})
                run_id = state.new_id()
                body["id"] = run_id
                body.setdefault("output", {}).setdefault("annotations", [])
                body["requests"] = 1
                d["check_runs"][str(run_id)] = body
                return self.reply(201, {"id": run_id, "head_sha": body["head_sha"], "name": body["name"], "status": body.get("status")})
            m = re.match(r"^check-runs/(\d+)$", rest)
            if m and self.command == "PATCH":
                run = d["check_runs"].get(m.group(1))
                if run is None:
                    return self.reply(404, {"message": "Not Found"})
                new = body.get("output", {}).get("annotations", [])
                if len(new) > 50:
                    return self.reply(422, {"message": "Validation Failed", "errors": ["annotations: at most 50"]})
                run["output"]["annotations"].extend(new)  # appended, as GitHub does
                for k in ("title", "summary"):
                    if k in body.get("output", {}):
                        run["output"][k] = body["output"][k]
                run["requests"] += 1
                return self.reply(200, {"id": int(m.group(1))})
            if rest == "issues":
                issues = d.setdefault("issues", {})
                if self.command == "GET":
                    query = parse_qs(urlsplit(self.path).query)
                    want = [l for l in query.get("labels", [""])[0].split(",") if l]
                    state_filter = query.get("state", ["open"])[0]
                    items = [i for _, i in sorted(issues.items(), key=lambda kv: int(kv[0]))
                             if all(l in [x["name"] for x in i["labels"]] for l in want)
                             and (state_filter == "all" or i["state"] == state_filter)]
                    return self.paginate(items)
                number = len(issues) + 100
                issue = {"number": number, "title": body["title"], "body": body.get("body", ""),
                         "state": "open", "labels": [{"name": l} for l in body.get("labels", [])],
                         "assignees": [{"login": a} for a in body.get("assignees", [])], "edits": 0}
                issues[str(number)] = issue
                return self.reply(201, issue)
            m = re.match(r"^issues/(\d+)$", rest)
            if m and self.command == "PATCH":
                issue = d.setdefault("issues", {}).get(m.group(1))
                if issue is None:
                    return self.reply(404, {"message": "Not Found"})
                for k in ("title", "body", "state", "state_reason"):
                    if k in body:
                        issue[k] = body[k]
                if "labels" in body:
                    issue["labels"] = [{"name": l} for l in body["labels"]]
                issue["edits"] += 1
                return self.reply(200, issue)
            m = re.match(r"^issues/(\d+)/comments$", rest)
            if m:
                comments = d["issue_comments"].setdefault(m.group(1), [])
                if self.command == "GET":
                    return self.paginate(comments)
                c = {"id": state.new_id(), "body": body["body"], "user": {"login": "github-actions[bot]", "type": "Bot"}}
                comments.append(c)
                return self.reply(201, c)
            m = re.match(r"^issues/comments/(\d+)$", rest)
            if m and self.command == "PATCH":
                for comments in d["issue_comments"].values():
                    for c in comments:
                        if str(c["id"]) == m.group(1):
                            c["body"] = body["body"]
                            c["edits"] = c.get("edits", 0) + 1
                            return self.reply(200, c)
                return self.reply(404, {"message": "Not Found"})
            m = re.match(r"^pulls/(\d+)/comments$", rest)
            if m:
                comments = d["review_comments"].setdefault(m.group(1), [])
                if self.command == "GET":
                    return self.paginate(comments)
                if diff_lines is not None and "%s:%s" % (body.get("path"), body.get("line")) not in diff_lines:
                    return self.reply(422, {"message": "Validation Failed", "errors": ["pull_request_review_thread.line must be part of the diff"]})
                c = dict(body, id=state.new_id(), user={"login": "github-actions[bot]", "type": "Bot"})
                comments.append(c)
                return self.reply(201, c)
            m = re.match(r"^pulls/comments/(\d+)$", rest)
            if m:
                for comments in d["review_comments"].values():
                    for i, c in enumerate(comments):
                        if str(c["id"]) == m.group(1):
                            if self.command == "DELETE":
                                comments.pop(i)
                                self.send_response(204)
                                self.send_header("Content-Length", "0")
                                self.end_headers()
                                self.status = 204
                                return None
                            c["body"] = body["body"]
                            c["edits"] = c.get("edits", 0) + 1
                            return self.reply(200, c)
                return self.reply(404, {"message": "Not Found"})
            if rest == "code-scanning/sarifs" and self.command == "POST":
                try:
                    sarif = json.loads(gzip.decompress(base64.b64decode(body["sarif"], validate=True)))
                    ok = sarif.get("version") == "2.1.0" and isinstance(sarif.get("runs"), list)
                except Exception as e:  # noqa: BLE001 - any decoding failure is the client's
                    self.problems.append("sarif is not base64(gzip(SARIF)): %r" % e)
                    return self.reply(400, {"message": "Invalid SARIF"})
                sid = "sarif-%d" % state.new_id()
                d["sarifs"][sid] = {"commit_sha": body["commit_sha"], "ref": body["ref"], "results": sum(len(r.get("results", [])) for r in sarif["runs"]), "valid": ok}
                return self.reply(202, {"id": sid, "url": "http://%s/repos/%s/code-scanning/sarifs/%s" % (self.headers["Host"], repo, sid)})
            m = re.match(r"^code-scanning/sarifs/([^/]+)$", rest)
            if m and self.command == "GET":
                s = d["sarifs"].get(m.group(1))
                if s is None:
                    return self.reply(404, {"message": "Not Found"})
                if "sarif-failed" in faults:
                    return self.reply(200, {"processing_status": "failed", "errors": ["locationFromSarifResult: expected artifact location"]})
                return self.reply(200, {"processing_status": "complete", "analyses_url": None, "errors": None})
            self.problems.append("fake server: no handler for %s" % what)
            return self.reply(404, {"message": "Not Found"})

        # ---- GitLab -----------------------------------------------------------------------
        def gitlab(self, path, body, what):
            if self.headers.get("PRIVATE-TOKEN") != args.token:
                return self.reply(401, {"message": "401 Unauthorized"})
            if self.fault("502", what):
                return self.reply(502, {"message": "Bad Gateway"})
            if self.fault("ratelimit", what):
                return self.reply(429, {"message": "Retry later"}, {"Retry-After": "1"})
            if args.read_only and self.command != "GET":
                return self.reply(403, {"message": "403 Forbidden"})
            d = state.data
            m = re.match(r"^/projects/([^/]+)/statuses/([0-9a-f]{40})$", path)
            if m and self.command == "POST":
                if body.get("state") not in ("pending", "running", "success", "failed", "canceled"):
                    self.problems.append("status state %r not in GitLab's enum" % body.get("state"))
                    return self.reply(400, {"message": "state does not have a valid value"})
                d["statuses"].append(dict(body, sha=m.group(2)))
                return self.reply(201, dict(body, id=state.new_id()))
            m = re.match(r"^/projects/([^/]+)/issues(?:/(\d+))?(/notes)?$", path)
            if m:
                issues = d.setdefault("gitlab_issues", {})
                if m.group(3):  # a note on an issue
                    if self.command != "POST" or not isinstance(body, dict) or not isinstance(body.get("body"), str):
                        self.problems.append("issue note without a body string")
                        return self.reply(400, {"message": "body is missing"})
                    d.setdefault("gitlab_issue_notes", {}).setdefault(m.group(2), []).append(body["body"])
                    return self.reply(201, {"id": state.new_id(), "body": body["body"]})
                if self.command == "GET" and not m.group(2):
                    query = parse_qs(urlsplit(self.path).query)
                    want = [l for l in query.get("labels", [""])[0].split(",") if l]
                    st = query.get("state", ["all"])[0]
                    items = [i for _, i in sorted(issues.items(), key=lambda kv: int(kv[0]))
                             if all(l in i["labels"] for l in want) and (st == "all" or i["state"] == st)]
                    return self.paginate(items)
                if isinstance(body, dict) and "labels" in body and not isinstance(body["labels"], str):
                    self.problems.append("labels is not a comma-separated string (GitLab's documented form)")
                    return self.reply(400, {"message": "labels is invalid"})
                if isinstance(body, dict) and "due_date" in body and not re.match(r"^\d{4}-\d{2}-\d{2}$", str(body["due_date"])):
                    self.problems.append("due_date is not YYYY-MM-DD")
                    return self.reply(400, {"message": "due_date is invalid"})
                if self.command == "POST" and not m.group(2):
                    if not isinstance(body.get("title"), str) or not body["title"]:
                        self.problems.append("issue without a title")
                        return self.reply(400, {"message": "title is missing"})
                    iid = len(issues) + 1
                    issue = {"iid": iid, "title": body["title"], "description": body.get("description", ""),
                             "state": "opened", "labels": [l for l in body.get("labels", "").split(",") if l],
                             "due_date": body.get("due_date"), "edits": 0}
                    issues[str(iid)] = issue
                    return self.reply(201, issue)
                if self.command == "PUT" and m.group(2):
                    issue = issues.get(m.group(2))
                    if issue is None:
                        return self.reply(404, {"message": "404 Issue Not Found"})
                    event = body.get("state_event")
                    if event is not None and event not in ("close", "reopen"):
                        self.problems.append("state_event %r is not close or reopen" % event)
                        return self.reply(400, {"message": "state_event does not have a valid value"})
                    if event:
                        issue["state"] = "closed" if event == "close" else "opened"
                    for k in ("title", "description"):
                        if k in body:
                            issue[k] = body[k]
                    if "labels" in body:
                        issue["labels"] = [l for l in body["labels"].split(",") if l]
                    issue["edits"] += 1
                    return self.reply(200, issue)
                return self.reply(404, {"message": "404 Not found"})
            m = re.match(r"^/projects/([^/]+)/merge_requests/(\d+)$", path)
            if m and self.command == "GET":
                return self.reply(200, {"iid": int(m.group(2)), "diff_refs": {"base_sha": "a" * 40, "start_sha": "b" * 40, "head_sha": "c" * 40}})
            m = re.match(r"^/projects/([^/]+)/merge_requests/(\d+)/notes(?:/(\d+))?$", path)
            if m:
                notes = d["notes"].setdefault(m.group(2), [])
                if self.command == "GET" and not m.group(3):
                    return self.paginate(notes)
                if not isinstance(body, dict) or not isinstance(body.get("body"), str):
                    self.problems.append("note without a body string")
                    return self.reply(400, {"message": "body is missing"})
                if self.command == "POST" and not m.group(3):
                    n = {"id": state.new_id(), "body": body["body"], "author": {"username": "lamina-bot"}}
                    notes.append(n)
                    return self.reply(201, n)
                if self.command == "PUT" and m.group(3):
                    for n in notes:
                        if str(n["id"]) == m.group(3):
                            n["body"] = body["body"]
                            n["edits"] = n.get("edits", 0) + 1
                            return self.reply(200, n)
                return self.reply(404, {"message": "404 Not found"})
            m = re.match(r"^/projects/([^/]+)/merge_requests/(\d+)/discussions(?:/([0-9a-f]+))?(?:/notes/(\d+))?$", path)
            if m:
                discussions = d["discussions"].setdefault(m.group(2), [])
                if self.command == "GET" and not m.group(3):
                    return self.paginate(discussions)
                if self.command == "POST" and not m.group(3):
                    pos = body.get("position") if isinstance(body, dict) else None
                    need = ["base_sha", "start_sha", "head_sha", "position_type", "new_path", "new_line"]
                    missing = [k for k in need if not isinstance(pos, dict) or k not in pos]
                    if missing or not isinstance(body.get("body"), str):
                        self.problems.append("discussion position lacks %s" % missing)
                        return self.reply(400, {"message": "position is invalid"})
                    if (pos["base_sha"], pos["start_sha"], pos["head_sha"]) != ("a" * 40, "b" * 40, "c" * 40):
                        self.problems.append("position SHAs are not the MR's diff_refs")
                        return self.reply(400, {"message": "position is invalid"})
                    did = "%040x" % state.new_id()
                    note = {"id": state.new_id(), "body": body["body"], "resolvable": True, "resolved": False, "position": pos}
                    discussions.append({"id": did, "notes": [note]})
                    return self.reply(201, discussions[-1])
                for disc in discussions:
                    if disc["id"] != m.group(3):
                        continue
                    if self.command == "PUT" and m.group(4):
                        note = disc["notes"][0]
                        if str(note["id"]) != m.group(4) or not isinstance(body, dict) or "body" not in body:
                            return self.reply(400, {"message": "bad note update"})
                        note["body"] = body["body"]
                        note["edits"] = note.get("edits", 0) + 1
                        return self.reply(200, note)
                    if self.command == "PUT":
                        resolved = parse_qs(urlsplit(self.path).query).get("resolved", [""])[0]
                        if resolved not in ("true", "false"):
                            return self.reply(400, {"message": "resolved is missing"})
                        for note in disc["notes"]:
                            note["resolved"] = resolved == "true"
                        return self.reply(200, disc)
                return self.reply(404, {"message": "404 Not found"})
            self.problems.append("fake server: no handler for %s" % what)
            return self.reply(404, {"message": "404 Not found"})

    return Handler


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("dir")
    parser.add_argument("--token", default="ghs_fakeToken0123456789")
    parser.add_argument("--read-only", action="store_true")
    parser.add_argument("--faults")
    parser.add_argument("--diff-lines")
    args = parser.parse_args()
    state = State(os.path.join(args.dir, "state.json"))
    server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(args, state, load_github_operations()))
    with open(os.path.join(args.dir, "port.tmp"), "w") as f:
        f.write(str(server.server_address[1]))
    os.replace(os.path.join(args.dir, "port.tmp"), os.path.join(args.dir, "port"))
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
