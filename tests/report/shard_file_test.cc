#include "report/shard_file.h"

#include <gtest/gtest.h>

#include "util/error.h"

namespace lamina {
namespace {

ShardFile sample() {
  ShardFile file;
  file.shard = {2, 3};
  file.plan_fingerprint = "0123456789abcdef";
  file.invocations = {"shellcheck/1", "shellcheck/2", "bandit/1"};
  file.ran = {"shellcheck/2"};
  file.exit_code = 1;
  file.wall = std::chrono::milliseconds(1234);
  file.scan.layer = Layer::continuous;
  file.scan.changes.base = "b";
  file.scan.changes.head = "h";
  file.scan.refused_paths = 2;
  file.scan.not_covered = {
      {"sast", "static analysis", ".go", true, {"a.go"}, {{"gosec", "go install x"}}}};
  file.scan.critical_path = {"shellcheck"};
  ScannerOutcome s;
  s.scanner_id = "shellcheck";
  s.name = "ShellCheck";
  s.state = ScannerState::findings;
  s.finding_count = 1;
  s.start_time = std::chrono::system_clock::time_point(std::chrono::milliseconds(1000));
  s.end_time = std::chrono::system_clock::time_point(std::chrono::milliseconds(2234));
  s.notes = {"a note"};
  RunResult run;
  run.argv = {"shellcheck", "-f", "json1", "./a b.sh"};
  run.status = RunStatus::exited;
  run.exit_code = 1;
  run.start_time = s.start_time;
  run.end_time = s.end_time;
  run.invocation.cwd = "/repo";
  s.runs = {run};
  file.scan.scanners = {s};
  Finding f;
  f.tool = "shellcheck";
  f.rule_id = "SC2086";
  f.message = "Double quote \"$1\" \xff";
  f.severity = Severity::sev2;
  f.tool_level = "warning";
  f.security_severity = 7.5;
  f.location = {"dir/a b.sh", {2, 8, 2, 10}, ""};
  f.related = {{"dir/c.sh", {1, 0, 0, 0}, "defined here"}};
  f.code_flows = {{"flow", {{{"dir/a b.sh", {1, 1, 1, 2}, "step"}}}}};
  f.rule_text = std::make_shared<const RuleText>(RuleText{"short", "full", "help", "**md**"});
  f.suppressions = {{"inSource", "accepted", "ok"}};
  f.fingerprints = {{"lamina/v1", "abc"}, {"tool/1", "x"}};
  f.notes = {"line clamped"};
  file.scan.findings = {f};
  return file;
}

TEST(ShardFile, RoundTripsEverythingMergeNeeds) {
  ShardFile in = sample();
  ShardFile out = read_shard_file(shard_file_json(in), "s/lamina-shard.json");
  EXPECT_EQ(out.shard, in.shard);
  EXPECT_EQ(out.plan_fingerprint, in.plan_fingerprint);
  EXPECT_EQ(out.invocations, in.invocations);
  EXPECT_EQ(out.ran, in.ran);
  EXPECT_EQ(out.exit_code, 1);
  EXPECT_EQ(out.wall, std::chrono::milliseconds(1234));
  EXPECT_EQ(out.scan.layer, Layer::continuous);
  EXPECT_EQ(out.scan.changes.head, "h");
  EXPECT_EQ(out.scan.refused_paths, 2u);
  EXPECT_EQ(out.scan.not_covered, in.scan.not_covered);
  EXPECT_EQ(out.scan.critical_path, in.scan.critical_path);
  ASSERT_EQ(out.scan.scanners.size(), 1u);
  const ScannerOutcome& s = out.scan.scanners[0];
  EXPECT_EQ(s.state, ScannerState::findings);
  EXPECT_EQ(s.end_time, in.scan.scanners[0].end_time);
  ASSERT_EQ(s.runs.size(), 1u);
  EXPECT_EQ(s.runs[0].argv, in.scan.scanners[0].runs[0].argv);
  EXPECT_EQ(s.runs[0].exit_code, 1);
  EXPECT_EQ(s.runs[0].invocation.cwd, "/repo");
  ASSERT_EQ(out.scan.findings.size(), 1u);
  const Finding& f = out.scan.findings[0];
  EXPECT_EQ(f.message, "Double quote \"$1\" \xef\xbf\xbd");  // invalid UTF-8 made valid
  EXPECT_EQ(f.severity, Severity::sev2);
  EXPECT_EQ(*f.security_severity, 7.5);
  EXPECT_EQ(f.location.path, "dir/a b.sh");
  EXPECT_EQ(f.location.region.end_column, 10u);
  EXPECT_EQ(f.related[0].message, "defined here");
  EXPECT_EQ(f.code_flows[0].thread_flows[0][0].message, "step");
  EXPECT_EQ(f.rule_text->help_markdown, "**md**");
  EXPECT_EQ(f.suppressions[0].justification, "ok");
  EXPECT_EQ(f.fingerprints, in.scan.findings[0].fingerprints);
  EXPECT_EQ(f.notes, in.scan.findings[0].notes);
}

TEST(ShardFile, AFindingOutsideTheRepositoryIsRefusedNamingTheField) {
  ShardFile in = sample();
  in.scan.findings[0].location.path = "../etc/passwd";
  try {
    read_shard_file(shard_file_json(in), "s/lamina-shard.json");
    FAIL() << "accepted a path outside the repository";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find(
                  "s/lamina-shard.json: field \"findings[].location.path\": expected a normal path "
                  "inside the repository"),
              std::string::npos)
        << e.what();
  }
}

TEST(ShardFile, NotJsonAndAnotherVersionAreErrors) {
  EXPECT_THROW(read_shard_file("{", "x"), Error);
  std::string text = shard_file_json(sample());
  text.replace(text.find("\"version\":1"), 11, "\"version\":9");
  EXPECT_THROW(read_shard_file(text, "x"), Error);
}

}  // namespace
}  // namespace lamina
