#include "report/shard_merge.h"

#include <gtest/gtest.h>

namespace lamina {
namespace {

ScannerOutcome outcome(const char* id, ScannerState state, size_t findings = 0) {
  ScannerOutcome s;
  s.scanner_id = id;
  s.state = state;
  s.finding_count = findings;
  s.detail = state == ScannerState::skipped ? "runs in another shard" : "";
  if (state != ScannerState::skipped) s.runs.emplace_back();
  return s;
}

Finding finding(const char* tool, const char* path) {
  Finding f;
  f.tool = tool;
  f.location.path = path;
  return f;
}

// Three shards of one plan: a and b run a's two invocations, c runs b's one.
std::vector<ShardInput> three_shards() {
  std::vector<ShardInput> shards(3);
  for (size_t i = 0; i < 3; ++i) {
    ShardFile& f = shards[i].file;
    shards[i].origin = "s" + std::to_string(i + 1);
    f.shard = {i + 1, 3};
    f.plan_fingerprint = "fp";
    f.invocations = {"a/1", "a/2", "b/1"};
    f.scan.changes.head = "h";
    f.scan.not_covered = {{"sast", "static analysis", ".lua", false, {"x.lua"}, {}}};
  }
  shards[0].file.ran = {"a/1"};
  shards[0].file.scan.scanners = {outcome("a", ScannerState::findings, 1),
                                  outcome("b", ScannerState::skipped)};
  shards[0].file.scan.findings = {finding("a", "x.sh")};
  shards[1].file.ran = {"a/2"};
  shards[1].file.scan.scanners = {outcome("a", ScannerState::failed),
                                  outcome("b", ScannerState::skipped)};
  shards[2].file.ran = {"b/1"};
  shards[2].file.scan.scanners = {outcome("a", ScannerState::skipped),
                                  outcome("b", ScannerState::clean)};
  shards[2].file.wall = std::chrono::milliseconds(5);
  shards[2].file.scan.critical_path = {"b"};
  return shards;
}

TEST(ShardMerge, JoinsScannersByIdTheWorstStateWinning) {
  std::vector<ShardInput> shards = three_shards();
  std::swap(shards[0], shards[2]);  // any order
  MergedShards m = merge_shards(shards);
  EXPECT_TRUE(m.problems.empty());
  ASSERT_EQ(m.scan.scanners.size(), 2u);
  EXPECT_EQ(m.scan.scanners[0].scanner_id, "a");
  EXPECT_EQ(m.scan.scanners[0].state, ScannerState::failed);
  EXPECT_EQ(m.scan.scanners[0].runs.size(), 2u);
  EXPECT_EQ(m.scan.scanners[0].finding_count, 1u);
  EXPECT_EQ(m.scan.scanners[1].state, ScannerState::clean);
  EXPECT_EQ(m.scan.findings.size(), 1u);
  ASSERT_EQ(m.scan.not_covered.size(), 1u);
  EXPECT_EQ(m.scan.not_covered[0].paths, std::vector<std::string>{"x.lua"});
  EXPECT_EQ(m.scan.critical_path, std::vector<std::string>{"b"});  // the longest shard's
}

TEST(ShardMerge, AMissingShardIsAProblemNamingIt) {
  std::vector<ShardInput> shards = three_shards();
  shards.erase(shards.begin() + 1);
  MergedShards m = merge_shards(shards);
  ASSERT_EQ(m.problems.size(), 1u);
  EXPECT_EQ(m.problems[0].rfind("missing shard 2/3 of 3", 0), 0u) << m.problems[0];
}

TEST(ShardMerge, DuplicatesOtherPlansAndUnrunInvocationsAreProblems) {
  std::vector<ShardInput> twice = three_shards();
  twice.push_back(twice[0]);
  EXPECT_EQ(merge_shards(twice).problems,
            std::vector<std::string>{"shard 1/3 (\"s1\") is given twice"});

  std::vector<ShardInput> other = three_shards();
  other[2].file.plan_fingerprint = "other";
  MergedShards m = merge_shards(other);
  ASSERT_EQ(m.problems.size(), 2u);  // not of the plan, so shard 3 counts as missing too
  EXPECT_NE(m.problems[0].find("ran plan other, not plan fp"), std::string::npos);

  std::vector<ShardInput> unrun = three_shards();
  unrun[2].file.ran = {};
  EXPECT_EQ(merge_shards(unrun).problems, std::vector<std::string>{"no shard ran b/1"});

  std::vector<ShardInput> interrupted = three_shards();
  interrupted[1].file.scan.incomplete = true;
  MergedShards i = merge_shards(interrupted);
  EXPECT_TRUE(i.scan.incomplete);
  EXPECT_EQ(i.problems.size(), 1u);
}

TEST(ShardMerge, NoShardAtAllIsAProblemAndTheFailureIsAFailedScanner) {
  MergedShards m = merge_shards({});
  EXPECT_EQ(m.problems, std::vector<std::string>{"no shard given"});
  ScannerOutcome s = shard_failure({"one", "two"});
  EXPECT_EQ(s.scanner_id, kShardsScannerId);
  EXPECT_TRUE(is_failure(s.state));
  EXPECT_EQ(s.detail, "one; two");
}

}  // namespace
}  // namespace lamina
