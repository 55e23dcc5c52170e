// lamina's SARIF checked by Microsoft's SARIF Multitool (the validator behind the SARIF
// viewers and GitHub's own checks), installed by npm from package.json. `validate` exits 0 even
// when it reports errors, so the test reads the results it writes.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "report/sarif_writer.h"
#include "test_support.h"
#include "util/file_io.h"

namespace lamina {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// The native binary of the npm package. npm 11 may skip the package's `chmod u+x` install
// script, so the test grants the owner's execute bit itself; bin.js is not used: it goes
// through a shell.
std::string multitool_path() {
  std::string path =
      test::source_path("node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool");
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) return "";
  fs::permissions(path, fs::perms::owner_exec, fs::perm_options::add, ec);
  return ::access(path.c_str(), X_OK) == 0 ? path : "";
}

Finding hostile_finding(const std::string& tool, Severity severity, uint32_t line) {
  Finding f;
  f.tool = tool;
  f.rule_id = "R\"1\\";
  f.rule_name = "rule with \x1b[31m escape and \xff invalid byte";
  f.help_uri = "https://example.com/rules/R1";
  f.message = "line " + std::to_string(line) +
              ": \"quoted\" \\ back\tslash\n<b>\xe2\x80\xae rtl "
              "\x01\x7f \xc3\x28 caf\xc3\xa9 \xf0\x9f\x94\x92";
  f.tool_level = "HIGH\r\n";
  f.severity = severity;
  f.location.path = "src/dir with space/%41 \xc3\xbc\n.sh";
  f.location.region = {line, 3, line + 1, 9};
  f.related.push_back({"other/file#1?.sh", {2, 1, 2, 4}, "flows \"here\""});
  f.fingerprints["lamina/v1"] = "0123456789abcdef:" + std::to_string(line);
  f.diff_position = DiffPosition::added_lines;
  f.notes = {"line -3 clamped to 1"};
  f.security_severity = 8.25;
  return f;
}

ScannerOutcome outcome(const std::string& id, ScannerState state, const std::string& detail) {
  ScannerOutcome s;
  s.scanner_id = id;
  s.name = id + " \xe2\x80\x9cquoted\xe2\x80\x9d";
  s.version = "1.2.3";
  s.homepage = "https://example.com/" + id;
  s.state = state;
  s.detail = detail;
  RunResult run;
  run.argv = {id, "--format", "sarif", "--", "it's a \"file\".sh"};
  run.status = RunStatus::exited;
  run.exit_code = state == ScannerState::failed ? 2 : 1;
  run.start_time = std::chrono::system_clock::time_point(std::chrono::seconds(1767225600));
  run.end_time = run.start_time + std::chrono::milliseconds(1250);
  run.invocation.cwd = "/work/repo with space";
  s.runs.push_back(run);
  return s;
}

// Findings (new and in the baseline), a failed scanner, a clean one and hostile text everywhere.
ScanResult hostile_scan() {
  ScanResult scan;
  scan.scanners = {outcome("shellcheck", ScannerState::findings, ""),
                   outcome("bandit", ScannerState::failed, "exit code 2:\n\x1b[1mboom\xff"),
                   outcome("yamllint", ScannerState::clean, "")};
  scan.findings = {hostile_finding("shellcheck", Severity::sev1, 3),
                   hostile_finding("shellcheck", Severity::sev2, 9),
                   hostile_finding("shellcheck", Severity::sev3, 12)};
  scan.findings[1].in_baseline = true;
  scan.findings[2].location.path.clear();
  scan.findings[2].artifact_path = "image/layer 1/etc/app.conf";
  scan.baseline_given = true;
  return scan;
}

TEST(SarifMultitool, ValidatesLaminaSarifWithoutErrors) {
  std::string multitool = multitool_path();
  if (multitool.empty()) {
    GTEST_SKIP() << "@microsoft/sarif-multitool is not installed (run npm ci in the source tree)";
  }
  test::TempDir dir;
  SarifReport report = write_sarif(hostile_scan(), "/work/repo with space");
  ASSERT_EQ(report.results_written, 3u);
  test::write_file(dir.file("lamina.sarif"), report.text);
  // --log takes a list and would swallow a file named after it: the file comes first.
  test::ProcessOutput v =
      test::run({multitool, "validate", dir.file("lamina.sarif"), "-o",
                 dir.file("validation.sarif"), "--log", "ForceOverwrite"},
                dir.file(""),
                {"PATH=/usr/bin:/bin", "HOME=" + dir.file(""), "DOTNET_CLI_TELEMETRY_OPTOUT=1"});
  ASSERT_EQ(v.exit_code, 0) << v.out << v.err;
  std::optional<std::string> written = read_file(dir.file("validation.sarif"));
  ASSERT_TRUE(written) << v.out << v.err;
  json validation = json::parse(*written);
  ASSERT_EQ(validation["runs"].size(), 1u) << v.out;
  std::string errors;
  for (const json& result : validation["runs"][0].value("results", json::array())) {
    if (result.value("level", "warning") == "error") errors += result.dump() + "\n";
  }
  EXPECT_EQ(errors, "") << "SARIF Multitool errors in:\n" << report.text;
}

}  // namespace
}  // namespace lamina
