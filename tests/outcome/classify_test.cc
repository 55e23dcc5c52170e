#include "outcome/classify.h"

#include <gtest/gtest.h>

namespace lamina {
namespace {

// A clamscan run over an unpacked image, as the runner returns it.
RunResult clamscan_run(const std::string& printed_path) {
  RunResult run;
  run.invocation.scanner_id = "clamscan";
  run.invocation.format = "clamscan";
  run.invocation.ok_exit_codes = {0, 1};
  run.invocation.cwd = "/repo";
  run.invocation.artifact = 0;
  run.status = RunStatus::exited;
  run.exit_code = 1;
  run.stdout_data = printed_path + ": Eicar-Signature FOUND\n\nInfected files: 1\n";
  return run;
}

PreparedArtifact unpacked_image() {
  PreparedArtifact image;
  image.given = "image.tar";
  image.kind = ArtifactKind::docker_image;
  image.root = "/tmp/lamina-artifact-Ab12Cd";
  image.layer_digests = {"sha256:base", "sha256:app"};
  image.layer_of = {{"usr/lib/evil.so", 1}};
  return image;
}

TEST(ClassifyRun, FindingsInAnUnpackedArtifactNameThePathInsideIt) {
  PreparedArtifact image = unpacked_image();
  ClassifiedRun c =
      classify_run(clamscan_run("/tmp/lamina-artifact-Ab12Cd/usr/lib/evil.so"), "/repo", &image);
  ASSERT_EQ(c.findings.size(), 1u);
  EXPECT_EQ(c.refused_paths, 0u);
  EXPECT_EQ(c.findings[0].location.path, "");
  EXPECT_EQ(c.findings[0].artifact_path, "image.tar!/usr/lib/evil.so");
  EXPECT_EQ(c.findings[0].artifact_layer, "sha256:app");
}

// A member name with a newline makes clamscan print "/etc/passwd: ... FOUND": the hit is not
// placed in the tree, but it stays a finding on the artifact, which the gate counts.
TEST(ClassifyRun, AHitOutsideTheUnpackedTreeIsAFindingOnTheArtifact) {
  PreparedArtifact image = unpacked_image();
  ClassifiedRun c = classify_run(clamscan_run("/etc/passwd"), "/repo", &image);
  ASSERT_EQ(c.findings.size(), 1u);
  EXPECT_EQ(c.state, ScannerState::findings);
  EXPECT_EQ(c.refused_paths, 1u);
  EXPECT_EQ(c.findings[0].location.path, "");
  EXPECT_EQ(c.findings[0].artifact_path, "image.tar");
  EXPECT_EQ(c.findings[0].unmapped_location, "/etc/passwd");
  EXPECT_EQ(c.findings[0].diff_position, DiffPosition::unknown);  // not filtered by the diff
}

// Built-in scanners get repository paths; one in a container prints them under its mount, and
// one that prints a path outside is matched against the files lamina gave it.
TEST(ClassifyRun, PathsOutsideTheRepositoryAreMatchedAgainstTheFilesGiven) {
  RunResult run = clamscan_run("");
  run.invocation.artifact.reset();
  run.stdout_data =
      "/src/app/upload.bin: Eicar-Signature FOUND\n"
      "/home/ci/other/lib/x.js: Eicar-Signature FOUND\n"
      "/etc/shadow: Eicar-Signature FOUND\n\nInfected files: 3\n";
  std::vector<std::string> given = {"lib/x.js", "app/upload.bin"};
  run.invocation.files.assign(given.begin(), given.end());
  ClassifiedRun c = classify_run(run, "/repo");
  ASSERT_EQ(c.findings.size(), 3u);
  EXPECT_EQ(c.findings[0].location.path, "app/upload.bin");
  EXPECT_EQ(c.findings[1].location.path, "lib/x.js");
  EXPECT_EQ(c.findings[2].location.path, "");
  EXPECT_EQ(c.findings[2].unmapped_location, "/etc/shadow");
  EXPECT_EQ(c.refused_paths, 1u);
}

// A codespell run over `typos` misspellings in README.md, as the runner returns it.
RunResult codespell_run(size_t typos) {
  RunResult run;
  run.invocation.scanner_id = "codespell";
  run.invocation.format = "codespell";
  run.invocation.ok_exit_codes = {0, 65};
  run.invocation.cwd = "/repo";
  run.status = RunStatus::exited;
  run.exit_code = 65;
  for (size_t i = 1; i <= typos; ++i) {
    run.stdout_data += "README.md:" + std::to_string(i) + ": teh ==> the\n";
  }
  return run;
}

// Issue 13 item 9: a change decides how many findings a scanner reports; past the limit they are
// counted, not kept, and the scanner fails saying so.
TEST(ClassifyTest, FindingsPastTheLimitAreCountedAndFailTheScanner) {
  ClassifiedRun c = classify_run(codespell_run(kMaxFindingsPerScanner + 5), "/repo");
  EXPECT_EQ(c.findings.size(), kMaxFindingsPerScanner);
  EXPECT_EQ(c.findings_over_limit, 5u);
  EXPECT_EQ(c.state, ScannerState::failed);
  EXPECT_EQ(c.detail,
            "reported 20005 findings, more than the limit of 20000 per scanner: only "
            "the first 20000 are kept and reported, the rest only counted; fix or "
            "exclude what it flags");
  ScannerDecision decision;
  decision.scanner_id = "codespell";
  decision.installed = true;
  ScannerOutcome s = scanner_outcome(decision, {RunResult{}}, {c});
  EXPECT_EQ(s.finding_count, kMaxFindingsPerScanner + 5);
  EXPECT_EQ(s.state, ScannerState::failed);
}

TEST(ClassifyTest, BatchesWithinTheLimitThatTogetherPassItFailTheScanner) {
  ClassifiedRun half = classify_run(codespell_run(kMaxFindingsPerScanner / 2 + 1), "/repo");
  EXPECT_EQ(half.state, ScannerState::findings);
  ScannerDecision decision;
  decision.scanner_id = "codespell";
  decision.installed = true;
  ScannerOutcome s = scanner_outcome(decision, {RunResult{}, RunResult{}}, {half, half});
  EXPECT_EQ(s.state, ScannerState::failed);
  EXPECT_EQ(s.detail.rfind("reported 20002 findings, more than the limit of 20000", 0), 0u)
      << s.detail;
}

}  // namespace
}  // namespace lamina

namespace lamina {
namespace {

// A scanner failure names the stderr line that says why, not a banner or the first line.
TEST(StderrReason, TheLastLineThatReadsLikeAnErrorNotTheFirstLine) {
  // secretlint without its rule preset (Node): the reason sits above the stack.
  EXPECT_EQ(
      stderr_reason("secretlint v12.0.0\n"
                    "Loading config...\n"
                    "Error: Cannot find module '@secretlint/secretlint-rule-preset-recommend'\n"
                    "Require stack:\n"
                    "- /usr/lib/node_modules/secretlint/lib/index.js\n"
                    "    at Module._resolveFilename (node:internal/modules/cjs/loader:1140:15)\n"
                    "    at Module._load (node:internal/modules/cjs/loader:981:27)\n\n"),
      "Error: Cannot find module '@secretlint/secretlint-rule-preset-recommend'");
  // A Python traceback ends with the exception.
  EXPECT_EQ(stderr_reason("[main]\tINFO\tprofile include tests: None\n"
                          "Traceback (most recent call last):\n"
                          "  File \"/usr/bin/bandit\", line 33, in <module>\n"
                          "ModuleNotFoundError: No module named 'bandit'\n"),
            "ModuleNotFoundError: No module named 'bandit'");
  // No line reads like an error: the last non-empty one.
  EXPECT_EQ(stderr_reason("starting\nscanning 3 files\n  \n"), "scanning 3 files");
  EXPECT_EQ(stderr_reason(""), "");
  EXPECT_EQ(stderr_reason("\n \r\n"), "");
}

TEST(StderrReason, AFailedRunsDetailCarriesIt) {
  RunResult run;
  run.invocation.scanner_id = "tool";
  run.invocation.format = "sarif";
  run.invocation.ok_exit_codes = {0, 1};
  run.status = RunStatus::exited;
  run.exit_code = 2;
  run.stderr_data = "tool 1.0 starting\nfatal: config file .toolrc: invalid key 'x'\nbye\n";
  ClassifiedRun c = classify_run(run, "/repo", nullptr);
  EXPECT_EQ(c.state, ScannerState::failed);
  EXPECT_EQ(c.detail,
            "exit code 2 means an error for tool: fatal: config file .toolrc: invalid key 'x'");
}

}  // namespace
}  // namespace lamina
