// CycloneDX JSON: a real SBOM written by cyclonedx-npm, and BOMs with vulnerabilities (VEX) in the
// shape syft/trivy/grype write (CycloneDX 1.5 `vulnerabilities`, built here field by field).
#include <gtest/gtest.h>

#include "parse/parse.h"
#include "parse_testing.h"

namespace lamina {
namespace {

using test::checked_in_output;
using test::repo_context;

ParseOutcome parse(const std::string& bytes) {
  return parse_output("cyclonedx-json", bytes, repo_context());
}

TEST(ParseCycloneDx, RealSbomHasNoFindingsAndCountsItsComponents) {
  ParseOutcome out =
      parse(checked_in_output("cyclonedx-npm/cyclonedx-npm-6.0.1-fixture-app.cdx.json"));
  ASSERT_FALSE(out.error) << *out.error;
  EXPECT_FALSE(out.tool_failure);
  EXPECT_TRUE(out.findings.empty());
  ASSERT_EQ(out.notes.size(), 1u);
  // debug 4.3.4, ms 2.1.2 (its dependency) and @types/ms 0.7.34.
  EXPECT_EQ(out.notes[0], "SBOM (CycloneDX 1.6): 3 components of fixture-app");
}

const char* kVexBom = R"({
  "bomFormat": "CycloneDX", "specVersion": "1.5", "version": 1,
  "metadata": {"component": {"type": "container", "name": "registry.example/app"}},
  "components": [
    {"bom-ref": "pkg:npm/lodash@4.17.20?package-id=1", "type": "library", "name": "lodash",
     "version": "4.17.20", "purl": "pkg:npm/lodash@4.17.20",
     "properties": [{"name": "syft:location:0:path", "value": "/app/node_modules/lodash/package.json"}]},
    {"bom-ref": "os-openssl", "type": "library", "group": "debian", "name": "openssl",
     "version": "3.0.11-1", "components": [
       {"bom-ref": "os-libssl3", "type": "library", "name": "libssl3", "version": "3.0.11-1",
        "evidence": {"occurrences": [{"location": "usr/lib/x86_64-linux-gnu/libssl.so.3"}]}}]},
    {"bom-ref": "escape", "name": "evil", "version": "1",
     "evidence": {"occurrences": [{"location": "../../etc/passwd"}]}}
  ],
  "vulnerabilities": [
    {"id": "CVE-2021-23337", "source": {"name": "NVD", "url": "https://nvd.nist.gov/vuln/detail/CVE-2021-23337"},
     "ratings": [{"severity": "medium", "score": 5.5, "method": "CVSSv31"},
                 {"severity": "high", "score": 7.2, "method": "CVSSv31"}],
     "description": "Command injection via the template function.\nMore text.",
     "advisories": [{"url": "https://github.com/advisories/GHSA-35jh-r3h4-6jhm"}],
     "affects": [{"ref": "pkg:npm/lodash@4.17.20?package-id=1"}]},
    {"id": "CVE-2023-5678", "ratings": [{"severity": "low"}],
     "affects": [{"ref": "os-openssl"}, {"ref": "os-libssl3"}, {"ref": "pkg:unknown/gone@1"}]},
    {"id": "CVE-2099-0001"},
    {"id": "CVE-2099-0002", "affects": [{"ref": "escape"}]}
  ]
})";

TEST(ParseCycloneDx, EachAffectedComponentOfAVulnerabilityIsAFinding) {
  ParseOutcome out = parse(kVexBom);
  ASSERT_FALSE(out.error) << *out.error;
  ASSERT_EQ(out.findings.size(), 6u);
  const Finding& lodash = out.findings[0];
  EXPECT_EQ(lodash.rule_id, "CVE-2021-23337");
  EXPECT_EQ(lodash.tool_level, "high");  // the highest of its ratings
  EXPECT_EQ(lodash.security_severity, 7.2);
  EXPECT_EQ(lodash.package, "lodash");
  EXPECT_EQ(lodash.package_version, "4.17.20");
  EXPECT_EQ(lodash.help_uri, "https://github.com/advisories/GHSA-35jh-r3h4-6jhm");
  EXPECT_EQ(lodash.message,
            "lodash 4.17.20: CVE-2021-23337 Command injection via the template function.");
  // A BOM's "/app/..." is inside what was scanned, not the host's root.
  EXPECT_EQ(lodash.location.path, "app/node_modules/lodash/package.json");
  EXPECT_EQ(out.findings[1].package, "debian/openssl");
  EXPECT_EQ(out.findings[1].tool_level, "low");
  EXPECT_EQ(out.findings[2].package, "libssl3");  // a nested component, found by its bom-ref
  EXPECT_EQ(out.findings[2].location.path, "usr/lib/x86_64-linux-gnu/libssl.so.3");
  EXPECT_EQ(out.findings[3].package, "pkg:unknown/gone@1");  // a ref the BOM does not define
  EXPECT_EQ(out.findings[4].rule_id, "CVE-2099-0001");
  EXPECT_EQ(out.findings[4].tool_level, "unknown");
  EXPECT_EQ(out.findings[4].message, "CVE-2099-0001");
  // A location leaving the scanned root is refused; the vulnerability stays, unplaced.
  EXPECT_EQ(out.findings[5].package, "evil");
  EXPECT_EQ(out.findings[5].location.path, "");
  EXPECT_EQ(out.refused_paths, 1u);
  ASSERT_FALSE(out.notes.empty());
  EXPECT_EQ(out.notes.back(),
            "SBOM (CycloneDX 1.5): 4 components of registry.example/app, 4 vulnerabilities");
}

TEST(ParseCycloneDx, NotCycloneDxIsAnError) {
  for (const char* bytes : {R"({"spdxVersion": "SPDX-2.3"})", "[]", R"({"bomFormat": "SPDX"})"}) {
    ParseOutcome out = parse(bytes);
    ASSERT_TRUE(out.error) << bytes;
    EXPECT_EQ(*out.error,
              "cyclonedx-json: not a CycloneDX document (no \"bomFormat\": \"CycloneDX\")");
  }
  EXPECT_TRUE(parse(R"({"bomFormat": "CycloneDX", )").error);
}

TEST(ParseCycloneDx, AnEmptyShellIsAToolFailureButAProjectWithoutDependenciesIsNot) {
  ParseOutcome empty = parse(R"({"bomFormat": "CycloneDX", "specVersion": "1.6"})");
  ASSERT_FALSE(empty.error);
  ASSERT_TRUE(empty.tool_failure);
  EXPECT_EQ(*empty.tool_failure, "the SBOM is empty: no metadata.component and no components");
  ParseOutcome leaf = parse(
      R"({"bomFormat": "CycloneDX", "specVersion": "1.6", "metadata": {"component": {"name": "leaf"}}, "components": []})");
  EXPECT_FALSE(leaf.error);
  EXPECT_FALSE(leaf.tool_failure);
  EXPECT_EQ(leaf.notes, std::vector<std::string>{"SBOM (CycloneDX 1.6): 0 components of leaf"});
}

}  // namespace
}  // namespace lamina
