"""Compares the findings of two lamina.sarif files: each run's scanner and state, and each
result's rule, location, lamina/v1 fingerprint, level and gate standing. Exit 1 with a diff when
they differ. Used by tests/integration/shards.sh (a sharded scan must find what one scan finds)."""
import difflib
import json
import sys


def rows(path):
    out = []
    for run in json.load(open(path, encoding="utf-8"))["runs"]:
        scanner = run["automationDetails"]["id"]
        out.append((scanner, "state", run["properties"]["lamina/state"]))
        for r in run["results"]:
            loc = r.get("locations", [{}])[0].get("physicalLocation", {})
            region = loc.get("region", {})
            out.append((scanner, r["ruleId"], loc.get("artifactLocation", {}).get("uri"),
                        region.get("startLine"), region.get("startColumn"),
                        r["partialFingerprints"].get("lamina/v1"), r["level"],
                        r["properties"]["lamina/counted"], r["properties"]["lamina/diff"]))
    return sorted(out, key=repr)


def main():
    a, b = rows(sys.argv[1]), rows(sys.argv[2])
    if a != b:
        print("\n".join(difflib.unified_diff([repr(x) for x in a], [repr(x) for x in b],
                                             sys.argv[1], sys.argv[2], lineterm="")))
        return 1
    print(f"{sum(1 for r in a if r[1] != 'state')} results and {sum(1 for r in a if r[1] == 'state')} runs equal")
    return 0


if __name__ == "__main__":
    sys.exit(main())
