#!/usr/bin/env bash
# A pre-deploy finding on an image reaches GitLab: the real clamscan (custom signature database)
# flags a file in a `docker save` tarball, and with `report: sast` in .lamina.yml the SAST report
# names it by its path inside the image, with the layer digest, valid against GitLab's schema.
set -euo pipefail
lamina=$(realpath "$1")
source_dir=$(realpath "$2")
fail() { echo "FAIL: $*" >&2; exit 1; }
command -v clamscan >/dev/null || { echo "SKIP: clamscan not installed" >&2; exit 77; }
command -v python3 >/dev/null || { echo "SKIP: python3 not installed" >&2; exit 77; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/repo"
cd "$work"
git -C repo init -q && git -C repo -c user.name=t -c user.email=t@t commit -q --allow-empty -m init

python3 - "$work" <<'PY'
import hashlib, io, json, sys, tarfile
work = sys.argv[1]
eicar = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
layer = io.BytesIO()
with tarfile.open(fileobj=layer, mode="w") as t:
    info = tarfile.TarInfo("usr/lib/evil.bin"); info.size = len(eicar)
    t.addfile(info, io.BytesIO(eicar))
data = layer.getvalue()
digest = hashlib.sha256(data).hexdigest()
with tarfile.open(f"{work}/image.tar", "w") as t:
    for name, body in (("blobs/sha256/" + digest, data),
                       ("config.json", json.dumps({"rootfs": {"type": "layers",
                                                  "diff_ids": ["sha256:" + digest]}}).encode()),
                       ("manifest.json", json.dumps([{"Config": "config.json",
                                                      "Layers": ["blobs/sha256/" + digest]}]).encode())):
        info = tarfile.TarInfo(name); info.size = len(body)
        t.addfile(info, io.BytesIO(body))
open(f"{work}/expected_layer", "w").write("sha256:" + digest)
with open(f"{work}/eicar.hdb", "w") as f:
    f.write(f"{hashlib.md5(eicar).hexdigest()}:{len(eicar)}:Test.EICAR.Custom\n")
PY
printf 'scanners:\n  clamscan:\n    args: ["-d", "%s/eicar.hdb"]\n    report: sast\n' "$work" \
  > repo/.lamina.yml

rc=0
out=$(TMPDIR=$work "$lamina" scan -C repo --layer pre-deploy --no-fetch --out lamina-out --artifact image.tar 2>&1) ||
  rc=$?
[[ $rc -eq 1 ]] || fail "expected exit 1 (gate failed), got $rc: $out"
grep -q "left out of gl-sast-report.json" <<<"$out" && fail "the finding was left out: $out"

python3 - repo/lamina-out/gl-sast-report.json "$(cat expected_layer)" <<'PY' ||
import json, sys
report = json.load(open(sys.argv[1]))
vulns = report["vulnerabilities"]
assert len(vulns) == 1, vulns
assert vulns[0]["location"] == {"file": "image.tar!/usr/lib/evil.bin"}, vulns[0]["location"]
assert vulns[0]["details"]["layer"]["value"] == sys.argv[2], vulns[0]["details"]
assert report["scan"]["scanner"]["id"] == "clamscan", report["scan"]
PY
  fail "gl-sast-report.json does not carry the image finding"
schema=$source_dir/tests/data/schemas/gitlab-15.2.1/sast-report-format.json
[[ -f $schema ]] || fail "no GitLab schema at $schema"
python3 "$source_dir/tests/tools/validate_json_schema.py" "$schema" \
  repo/lamina-out/gl-sast-report.json || fail "gl-sast-report.json is not valid"
echo "ok: the image finding is in gl-sast-report.json"
