#!/usr/bin/env bash
# `lamina scan --layer pre-deploy --artifact image.tar` end to end with the real clamscan and a
# custom signature database (the official one cannot be downloaded here): the finding names the
# path inside the image and the layer that wrote it; hostile and corrupt images are exit 2 with
# nothing written outside lamina's temp dir, which is gone afterwards in every case.
set -euo pipefail
lamina=$(realpath "$1")
fail() { echo "FAIL: $*" >&2; exit 1; }
command -v clamscan >/dev/null || { echo "SKIP: clamscan not installed" >&2; exit 77; }
command -v python3 >/dev/null || { echo "SKIP: python3 not installed" >&2; exit 77; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/repo" "$work/tmp" "$work/sentinel"
cd "$work"
git -C repo init -q && git -C repo -c user.name=t -c user.email=t@t commit -q --allow-empty -m init

python3 - "$work" <<'PY'
import hashlib, io, json, sys, tarfile
work = sys.argv[1]
eicar = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"

def layer(entries):
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w") as t:
        for name, kind, value in entries:
            info = tarfile.TarInfo(name)
            if kind == "file":
                info.size, info.mode = len(value), 0o755
                t.addfile(info, io.BytesIO(value))
            elif kind == "dir":
                info.type, info.mode = tarfile.DIRTYPE, 0o755
                t.addfile(info)
            else:
                info.type, info.linkname = tarfile.SYMTYPE, value
                t.addfile(info)
    return out.getvalue()

def image(path, layers):
    with tarfile.open(path, "w") as t:
        names, ids = [], []
        for data in layers:
            digest = hashlib.sha256(data).hexdigest()
            names.append("blobs/sha256/" + digest)
            ids.append("sha256:" + digest)
            info = tarfile.TarInfo(names[-1]); info.size = len(data)
            t.addfile(info, io.BytesIO(data))
        for name, doc in (("config.json", {"rootfs": {"type": "layers", "diff_ids": ids}}),
                          ("manifest.json", [{"Config": "config.json", "Layers": names}])):
            data = json.dumps(doc).encode()
            info = tarfile.TarInfo(name); info.size = len(data)
            t.addfile(info, io.BytesIO(data))
    return ids

base = layer([("usr", "dir", None), ("usr/lib", "dir", None),
              ("usr/lib/libok.so", "file", b"fine"), ("etc/old.bin", "file", eicar)])
app = layer([("etc/.wh.old.bin", "file", b""), ("usr/lib/evil.bin", "file", eicar)])
ids = image(f"{work}/image.tar", [base, app])
open(f"{work}/expected_layer", "w").write(ids[1])
hostile = layer([("escape", "symlink", f"{work}/sentinel")])
through = layer([("escape/pwned", "file", b"x")])
image(f"{work}/hostile.tar", [hostile, through])
open(f"{work}/eicar.bin", "wb").write(eicar)
with open(f"{work}/eicar.hdb", "w") as f:
    f.write(f"{hashlib.md5(eicar).hexdigest()}:{len(eicar)}:Test.EICAR.Custom\n")
PY
printf 'scanners:\n  clamscan:\n    args: ["-d", "%s/eicar.hdb"]\n' "$work" > repo/.lamina.yml
head -c 10000 image.tar > corrupt.tar
export TMPDIR=$work/tmp
scan() { "$lamina" scan -C repo --layer pre-deploy --no-fetch --out lamina-out "$@"; }
left_over() { find "$work/tmp" "$work/sentinel" -mindepth 1 | head -5; }

# lamina plan shows the artifact as given and unpacks nothing.
plan=$("$lamina" plan -C repo --layer pre-deploy --no-fetch --artifact image.tar)
grep -q 'runs clamscan: 1 artifact: image.tar (docker save tarball, unpacked layer by layer' \
  <<<"$plan" || fail "plan does not describe the image: $plan"
[[ -z $(left_over) ]] || fail "lamina plan unpacked something: $(left_over)"

# The image: one finding, in the layer that wrote it; the whited-out file is not scanned.
rc=0; out=$(scan --artifact image.tar 2>&1) || rc=$?
[[ $rc -eq 1 ]] || fail "expected exit 1 (gate failed), got $rc: $out"
[[ -z $(left_over) ]] || fail "temp dir left behind: $(left_over)"
python3 - repo/lamina-out/lamina.sarif "$(cat expected_layer)" <<'PY' || fail "SARIF check failed"
import json, sys
sarif = json.load(open(sys.argv[1]))
results = [r for run in sarif["runs"] for r in run.get("results", [])]
assert len(results) == 1, results
r = results[0]
uri = r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
assert uri == "image.tar%21/usr/lib/evil.bin", uri
assert r["properties"]["lamina/artifact-path"] == "image.tar!/usr/lib/evil.bin", r["properties"]
assert r["properties"]["lamina/artifact-layer"] == sys.argv[2], r["properties"]
assert "lamina-artifact-" not in json.dumps(r), "a temp path leaked into the result"
PY
grep -q "image.tar!/usr/lib/evil.bin (layer $(cat expected_layer))" <<<"$out" ||
  fail "console does not name the path inside the image: $out"

# A folder and a plain file (repeatable --artifact): scanned in place, paths as given. Without
# --no-fail-fast the first infected artifact would cancel the scan of the other.
mkdir -p site/js && cp eicar.bin site/js/evil.js && cp eicar.bin loose.bin
rc=0; out=$(scan --no-fail-fast --artifact site --artifact loose.bin 2>&1) || rc=$?
[[ $rc -eq 1 ]] || fail "folder + file: expected exit 1, got $rc: $out"
python3 - repo/lamina-out/lamina.sarif <<'PY' || fail "folder + file: SARIF check failed"
import json, sys
sarif = json.load(open(sys.argv[1]))
paths = sorted(r["properties"]["lamina/artifact-path"]
               for run in sarif["runs"] for r in run.get("results", []))
assert paths == ["loose.bin", "site/js/evil.js"], paths
PY
[[ -z $(left_over) ]] || fail "folder + file: something was unpacked: $(left_over)"

# A symlink of one layer that the next layer writes through: refused, nothing outside.
rc=0; out=$(scan --artifact hostile.tar 2>&1) || rc=$?
[[ $rc -eq 2 ]] || fail "hostile image: expected exit 2, got $rc: $out"
grep -q 'entry "escape/pwned": .*symlink' <<<"$out" || fail "hostile image: unclear error: $out"
[[ -z $(left_over) ]] || fail "hostile image wrote outside or left the temp dir: $(left_over)"

# A truncated tarball: exit 2 naming it.
rc=0; out=$(scan --artifact corrupt.tar 2>&1) || rc=$?
[[ $rc -eq 2 ]] || fail "corrupt tarball: expected exit 2, got $rc: $out"
grep -q -- '--artifact "corrupt.tar"' <<<"$out" || fail "corrupt tarball: unclear error: $out"
[[ -z $(left_over) ]] || fail "corrupt tarball left the temp dir: $(left_over)"
echo "ok: image finding at image.tar!/usr/lib/evil.bin, hostile and corrupt images refused"
