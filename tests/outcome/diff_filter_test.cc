#include "outcome/diff_filter.h"

#include <gtest/gtest.h>

namespace lamina {
namespace {

ChangeSet change_of(const std::string& path, std::vector<LineRange> added,
                    std::vector<LineRange> hunks) {
  ChangeSet changes;
  FileChange f;
  f.path = path;
  f.added_lines = std::move(added);
  f.hunks = std::move(hunks);
  changes.files.push_back(f);
  return changes;
}

Finding at(const std::string& path, uint32_t start, uint32_t end = 0) {
  Finding f;
  f.location.path = path;
  f.location.region.start_line = start;
  f.location.region.end_line = end;
  return f;
}

TEST(DiffFilter, AnnotatesEachPosition) {
  ChangeSet changes = change_of("a.sh", {{5, 6}, {20, 20}}, {{2, 9}, {17, 23}});
  std::vector<Finding> findings{at("a.sh", 6), at("a.sh", 8), at("a.sh", 40), at("b.sh", 1),
                                at("", 0)};
  annotate_diff_positions(findings, changes);
  EXPECT_EQ(findings[0].diff_position, DiffPosition::added_lines);
  EXPECT_EQ(findings[1].diff_position, DiffPosition::in_hunk_context);
  EXPECT_EQ(findings[2].diff_position, DiffPosition::in_changed_file);
  EXPECT_EQ(findings[3].diff_position, DiffPosition::outside_diff);
  EXPECT_EQ(findings[4].diff_position, DiffPosition::unknown);
}

TEST(DiffFilter, MultiLineFindingCountsWhenAnyLineIsAdded) {
  ChangeSet changes = change_of("a.py", {{10, 10}}, {{7, 13}});
  std::vector<Finding> findings{at("a.py", 8, 12), at("a.py", 11, 12)};
  annotate_diff_positions(findings, changes);
  EXPECT_EQ(findings[0].diff_position, DiffPosition::added_lines);
  EXPECT_EQ(findings[1].diff_position, DiffPosition::in_hunk_context);
}

// A finding without a line (malware in a file, a package in a lockfile without lines) is the
// change's when the change wrote the file: else `--filter added` would pass a PR that adds it.
TEST(DiffFilter, FindingWithoutALineCountsWhenTheChangeWroteTheFile) {
  ChangeSet changes = change_of("lock.json", {{40, 41}}, {{37, 44}});
  FileChange added;
  added.path = "evil.dat";
  added.status = ChangeStatus::added;
  changes.files.push_back(added);
  FileChange binary;
  binary.path = "blob.bin";
  binary.status = ChangeStatus::modified;
  binary.binary = true;
  changes.files.push_back(binary);
  FileChange renamed;
  renamed.path = "moved.py";
  renamed.old_path = "old.py";
  renamed.status = ChangeStatus::renamed;
  changes.files.push_back(renamed);
  FileChange moved_binary = renamed;
  moved_binary.path = "lib/tool.bin";
  moved_binary.old_path = "vendor/tool.bin";
  moved_binary.binary = true;
  changes.files.push_back(moved_binary);
  std::vector<Finding> findings{at("lock.json", 0), at("evil.dat", 0),  at("blob.bin", 0),
                                at("moved.py", 0),  at("lock.json", 3), at("lib/tool.bin", 0)};
  annotate_diff_positions(findings, changes);
  EXPECT_EQ(findings[0].diff_position, DiffPosition::added_lines);
  EXPECT_EQ(findings[1].diff_position, DiffPosition::added_lines);
  EXPECT_EQ(findings[2].diff_position, DiffPosition::added_lines);
  // A pure rename wrote nothing: the finding was there before.
  EXPECT_EQ(findings[3].diff_position, DiffPosition::in_changed_file);
  EXPECT_FALSE(passes_filter(findings[3], FilterMode::added));
  // A line outside the change stays outside `added`.
  EXPECT_EQ(findings[4].diff_position, DiffPosition::in_changed_file);
  // A binary moved unchanged (`git mv`): its blob diff added no line, so the finding predates it.
  EXPECT_EQ(findings[5].diff_position, DiffPosition::in_changed_file);
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(passes_filter(findings[i], FilterMode::added));
}

TEST(DiffFilter, FullScanLeavesPositionsUnknownSoEverythingCounts) {
  ChangeSet changes;
  changes.full_scan = true;
  std::vector<Finding> findings{at("a.sh", 1)};
  annotate_diff_positions(findings, changes);
  EXPECT_EQ(findings[0].diff_position, DiffPosition::unknown);
  EXPECT_TRUE(passes_filter(findings[0], FilterMode::added));
}

TEST(DiffFilter, ModesWidenFromAddedToAll) {
  Finding f;
  f.diff_position = DiffPosition::in_hunk_context;
  EXPECT_FALSE(passes_filter(f, FilterMode::added));
  EXPECT_TRUE(passes_filter(f, FilterMode::context));
  f.diff_position = DiffPosition::in_changed_file;
  EXPECT_FALSE(passes_filter(f, FilterMode::context));
  EXPECT_TRUE(passes_filter(f, FilterMode::file));
  f.diff_position = DiffPosition::outside_diff;
  EXPECT_FALSE(passes_filter(f, FilterMode::file));
  EXPECT_TRUE(passes_filter(f, FilterMode::all));
}

TEST(DiffFilter, ParsesModeNames) {
  EXPECT_EQ(parse_filter_mode("context"), FilterMode::context);
  EXPECT_EQ(parse_filter_mode("diff"), std::nullopt);
}

}  // namespace
}  // namespace lamina
