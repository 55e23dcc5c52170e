// The catalog format: the built-in entries, and each kind of malformed entry failing with
// "file:line:column: what was expected".
#include "catalog/catalog.h"

#include <gtest/gtest.h>

#include "catalog/output_formats.h"
#include "model/severity.h"
#include "parse/parse.h"
#include "test_support.h"
#include "util/error.h"
#include "util/file_io.h"

namespace lamina {
namespace {

std::string error_of(const std::string& yaml) {
  try {
    parse_catalog(yaml, "my.yml");
  } catch (const Error& e) {
    EXPECT_EQ(e.exit_code(), 2);
    return e.what();
  }
  return "(no error)";
}

const char* kValidEntry = R"(scanners:
  - id: mylint
    layer: inline
    files: ["*.foo"]
    command: [mylint, --json, --, "{files}"]
    output: {format: sarif}
)";

TEST(CatalogTest, BuiltinCatalogHasTheScannersTheIssueNames) {
  const Catalog& catalog = builtin_catalog();
  for (const char* id : {"shellcheck",       "bandit",    "flawfinder",
                         "cppcheck",         "yamllint",  "secretlint",
                         "eslint",           "codespell", "clamscan",
                         "wapiti",           "gitleaks",  "semgrep",
                         "hadolint",         "trivy-fs",  "trivy-config",
                         "trivy-image",      "grype",     "osv-scanner",
                         "checkov",          "gosec",     "actionlint",
                         "zap-baseline",     "nuclei",    "secretlint-artifact",
                         "gitleaks-artifact"}) {
    EXPECT_NE(catalog.find(id), nullptr) << id;
  }
}

TEST(CatalogTest, BuiltinEntriesNameOnlyKnownFormatsAndHaveInstallHints) {
  for (const ScannerSpec& spec : builtin_catalog().scanners) {
    EXPECT_TRUE(is_known_output_format(spec.format)) << spec.id;
    EXPECT_FALSE(spec.install.empty()) << spec.id;
    EXPECT_TRUE(spec.timeout.has_value()) << spec.id;
  }
}

TEST(CatalogTest, BuiltinLayersPutArtifactAndUrlScannersInTheirStages) {
  const Catalog& catalog = builtin_catalog();
  // The continuous layer scans a released artifact too, when --artifact names one.
  EXPECT_EQ(catalog.find("clamscan")->layers,
            (std::vector<Layer>{Layer::pre_deploy, Layer::continuous}));
  EXPECT_EQ(catalog.find("clamscan")->scope, Scope::artifact);
  EXPECT_EQ(catalog.find("wapiti")->layers, std::vector<Layer>{Layer::post_deploy});
  EXPECT_EQ(catalog.find("wapiti")->scope, Scope::url);
  EXPECT_EQ(catalog.find("eslint")->scope, Scope::project);
  EXPECT_EQ(catalog.find("eslint")->root_markers, std::vector<std::string>{"package.json"});
}

TEST(CatalogTest, DependencyScannersShareTheLockfileList) {
  const Catalog& catalog = builtin_catalog();
  EXPECT_EQ(catalog.find("osv-scanner")->files, catalog.find("trivy-fs")->files);
  const auto& files = catalog.find("osv-scanner")->files;
  EXPECT_NE(std::find(files.begin(), files.end(), "package-lock.json"), files.end());
  EXPECT_NE(std::find(files.begin(), files.end(), "go.sum"), files.end());
}

// A severity key the tool never reports is a dead mapping: every finding of the real outputs in
// tests/data/scanner-outputs (each made by the catalog's own command) must be decided by one of
// the entry's keys, read through lamina's parser as `lamina scan` reads it.
TEST(CatalogTest, SeverityKeysAreWhatTheRealOutputsReport) {
  struct RealOutput {
    const char* scanner;
    const char* file;  // under tests/data/scanner-outputs/
  };
  for (RealOutput real :
       {RealOutput{"shellcheck", "shellcheck/deploy.json1"},
        RealOutput{"bandit", "bandit/app.json"}, RealOutput{"flawfinder", "flawfinder/copy.sarif"},
        RealOutput{"cppcheck", "cppcheck/copy.xml"},
        RealOutput{"yamllint", "yamllint/ci.parsable.txt"},
        RealOutput{"codespell", "codespell/notes.txt.out"},
        RealOutput{"clamscan", "clamscan/scan.txt"}, RealOutput{"wapiti", "wapiti/scan.json"},
        RealOutput{"gitleaks", "gitleaks/baseline-report.json"},
        RealOutput{"nuclei", "nuclei/nuclei-v3-dvwa.jsonl"},
        RealOutput{"zap-baseline", "zap/zap-baseline-2.14-report_json.json"},
        RealOutput{"npm-audit", "npm-audit/defectdojo-npm-7plus-many-vulns.json"},
        RealOutput{"trivy-fs", "trivy/image-alpine-310.json"}}) {
    const ScannerSpec* spec = builtin_catalog().find(real.scanner);
    ASSERT_NE(spec, nullptr) << real.scanner;
    std::string dir = std::string(real.file).substr(0, std::string(real.file).find('/'));
    std::string root = test::data_path("scanner-outputs/" + dir + "/input");
    std::string bytes = *read_file(test::data_path(std::string("scanner-outputs/") + real.file));
    ParseContext ctx;
    ctx.scanner_id = real.scanner;
    ctx.repository_root = ctx.working_directory = root;
    ParseOutcome out = parse_output(spec->format, bytes, ctx);
    ASSERT_FALSE(out.error) << real.file << ": " << *out.error;
    ASSERT_FALSE(out.findings.empty()) << real.file;
    SeverityPolicy policy;
    policy.catalog_rules = spec->severity;
    policy.catalog_levels = spec->severity;
    for (const Finding& f : out.findings) {
      std::string decided_by;
      assign_severity(f, policy, &decided_by);
      // A SARIF security-severity outranks the catalog; it needs no key.
      bool by_score = decided_by.rfind("security-severity ", 0) == 0;
      EXPECT_TRUE(by_score || decided_by.rfind("catalog ", 0) == 0)
          << real.scanner << ": rule \"" << f.rule_id << "\", level \"" << f.tool_level
          << "\" is decided by " << decided_by << ", not by a key of the catalog";
    }
  }
}

TEST(CatalogTest, ParsesAMinimalEntryWithDefaults) {
  Catalog catalog = parse_catalog(kValidEntry, "my.yml");
  ASSERT_EQ(catalog.scanners.size(), 1u);
  const ScannerSpec& spec = catalog.scanners[0];
  EXPECT_EQ(spec.name, "mylint");
  EXPECT_EQ(spec.scope, Scope::files);
  EXPECT_EQ(spec.ok_exit_codes, std::vector<int>{0});
  EXPECT_EQ(spec.output_from, OutputSource::stdout_stream);
  EXPECT_EQ(spec.defined_at, "my.yml:2:5");
}

TEST(CatalogTest, YamlSyntaxErrorNamesFileLineAndColumn) {
  EXPECT_EQ(error_of("scanners:\n  - id: [unclosed\n"),
            "my.yml:3:1: invalid YAML: end of sequence flow not found");
}

TEST(CatalogTest, UnknownKeySuggestsTheNearestOne) {
  std::string yaml = kValidEntry;
  yaml += "    timout: 5m\n";
  EXPECT_TRUE(error_of(yaml).starts_with(
      "my.yml:7:5: unknown key 'timout' in scanner entry (did you mean 'timeout'?); expec"))
      << error_of(yaml);
}

TEST(CatalogTest, CommandGivenAsAStringIsRejected) {
  EXPECT_EQ(error_of("scanners:\n  - id: x\n    command: \"mylint {files}\"\n"),
            "my.yml:3:14: scanner entry.command: expected a list of arguments (argv), got a "
            "string; write it as [\"tool\", \"--flag\", \"{files}\"]: lamina never runs a shell");
}

TEST(CatalogTest, UnknownOutputFormatListsTheKnownOnes) {
  std::string yaml = kValidEntry;
  yaml.replace(yaml.find("sarif"), 5, "sarif2");
  std::string error = error_of(yaml);
  EXPECT_TRUE(error.starts_with(
      "my.yml:6:22: scanner entry.output.format: unknown output format \"sarif2\"; expected"))
      << error;
  EXPECT_NE(error.find("cppcheck-xml"), std::string::npos);
}

TEST(CatalogTest, OutputKeepIsAPlainFileNameForTheReportDirectory) {
  std::string yaml = kValidEntry;
  yaml.replace(yaml.find("{format: sarif}"), 15, "{format: sarif, keep: sbom.cdx.json}");
  EXPECT_EQ(parse_catalog(yaml, "my.yml").scanners[0].keep_output, "sbom.cdx.json");
  for (const char* bad :
       {"../x.json", "dir/x.json", ".hidden", "lamina.sarif", "gl-sast-report.json", "\"\""}) {
    std::string entry = kValidEntry;
    entry.replace(entry.find("{format: sarif}"), 15,
                  std::string("{format: sarif, keep: ") + bad + "}");
    std::string error = error_of(entry);
    EXPECT_TRUE(
        error.starts_with("my.yml:6:35: scanner entry.output.keep: expected a plain file "
                          "name for the report directory"))
        << bad << ": " << error;
  }
}

TEST(CatalogTest, WrongTypeSaysWhatWasExpectedAndWhatWasGiven) {
  std::string yaml = kValidEntry;
  yaml += "    required: [yes]\n";
  EXPECT_EQ(error_of(yaml),
            "my.yml:7:15: scanner entry.required: expected true or false, got a list");
}

TEST(CatalogTest, ExitCodesMustBeAListOfNumbers) {
  std::string yaml = kValidEntry;
  yaml += "    exit_codes: [0, one]\n";
  EXPECT_EQ(error_of(yaml),
            "my.yml:7:21: scanner entry.exit_codes[1]: expected a whole number from 0 to 255, got "
            "\"one\"");
}

TEST(CatalogTest, UnknownPlaceholderSuggestsTheNearestOne) {
  std::string yaml = kValidEntry;
  yaml.replace(yaml.find("\"{files}\""), 9, "\"{file}\"");
  EXPECT_EQ(error_of(yaml),
            "my.yml:5:14: scanner mylint: unknown placeholder {file} in command (did you mean "
            "'files'?); expected {files}, {repo}, {root}, {out}, {artifact}, {target_url} or "
            "{configs}");
}

TEST(CatalogTest, PlaceholderMustFitTheScope) {
  std::string yaml = kValidEntry;
  yaml.replace(yaml.find("\"{files}\""), 9, "\"{target_url}\"");
  EXPECT_EQ(error_of(yaml),
            "my.yml:5:14: scanner mylint: placeholder {target_url} does not fit scope files");
}

TEST(CatalogTest, FilesPlaceholderMustStandAlone) {
  std::string yaml = kValidEntry;
  yaml.replace(yaml.find("\"{files}\""), 9, "\"--in={files}\"");
  EXPECT_EQ(error_of(yaml), "my.yml:5:14: scanner mylint: {files} must be an argument on its own");
}

TEST(CatalogTest, GoTemplateBracesAreNotPlaceholders) {
  std::string yaml = kValidEntry;
  yaml.replace(yaml.find("--json"), 6, "'{{range .}}{{.Message}}{{end}}'");
  EXPECT_EQ(parse_catalog(yaml, "my.yml").scanners[0].command[1], "{{range .}}{{.Message}}{{end}}");
}

TEST(CatalogTest, OutputFromOutNeedsTheOutPlaceholder) {
  std::string yaml = kValidEntry;
  yaml.replace(yaml.find("{format: sarif}"), 15, "{from: out, format: sarif}");
  EXPECT_EQ(error_of(yaml),
            "my.yml:5:14: scanner mylint: output.from is out but the command has no {out} "
            "placeholder");
}

TEST(CatalogTest, ProjectScopeNeedsRootMarkers) {
  std::string yaml = kValidEntry;
  yaml += "    scope: project\n";
  EXPECT_EQ(error_of(yaml),
            "my.yml:2:5: scanner mylint: scope project needs root_markers (e.g. [package.json])");
}

TEST(CatalogTest, DuplicateIdIsAnError) {
  std::string yaml = kValidEntry;
  yaml += std::string(kValidEntry).substr(std::string("scanners:\n").size());
  EXPECT_EQ(error_of(yaml), "my.yml:7:5: scanner entry: duplicate id \"mylint\"");
}

TEST(CatalogTest, SeverityMapsLevelsAndRuleIds) {
  std::string yaml = kValidEntry;
  yaml += "    severity: {error: sev1, SC2086: sev3}\n";
  Catalog catalog = parse_catalog(yaml, "my.yml");
  const ScannerSpec& spec = catalog.scanners[0];
  EXPECT_EQ(spec.severity.at("error"), Severity::sev1);
  EXPECT_EQ(spec.severity.at("SC2086"), Severity::sev3);
}

TEST(CatalogTest, UnknownSeverityIsAnError) {
  std::string yaml = kValidEntry;
  yaml += "    severity: {error: high}\n";
  EXPECT_EQ(error_of(yaml),
            "my.yml:7:23: scanner entry.severity.error: expected sev1, sev2 or sev3, got \"high\"");
}

}  // namespace
}  // namespace lamina
