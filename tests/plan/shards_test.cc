#include "plan/shards.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

namespace lamina {
namespace {

using std::chrono::milliseconds;

std::vector<ShardItem> items(std::initializer_list<std::pair<const char*, int>> list) {
  std::vector<ShardItem> out;
  for (const auto& [id, ms] : list) out.push_back({id, milliseconds(ms)});
  return out;
}

TEST(Shards, ParsesOneBasedIndexOfTotal) {
  std::string why;
  EXPECT_EQ(parse_shard("1/3", &why), (ShardSpec{1, 3}));
  EXPECT_EQ(parse_shard("3/3", &why), (ShardSpec{3, 3}));
  EXPECT_EQ(parse_shard("1/1", &why), (ShardSpec{1, 1}));
  EXPECT_EQ(to_string(ShardSpec{2, 4}), "2/4");
}

TEST(Shards, RefusesZeroBasedOutOfRangeAndMalformedShards) {
  for (const char* bad : {"0/3", "4/3", "1/0", "3", "", "/", "a/b", "1/3/", " 1/3", "-1/3", "1/257",
                          "1/3x", "99999999999999999999/3"}) {
    std::string why;
    EXPECT_FALSE(parse_shard(bad, &why)) << bad;
    EXPECT_FALSE(why.empty()) << bad;
  }
  std::string why;
  parse_shard("0/3", &why);
  EXPECT_EQ(why, "I is 1-based: from 1 to N (3)");
}

TEST(Shards, LongestFirstOntoTheLeastLoadedShard) {
  // LPT: 7 -> s0, 5 -> s1, 4 -> s1 (5 < 7), 3 -> s0 (7 < 9), 2 -> s1 (9 < 10).
  auto list = items({{"a/1", 3}, {"b/1", 7}, {"c/1", 5}, {"d/1", 4}, {"e/1", 2}});
  std::vector<size_t> shard_of = assign_shards(list, 2);
  EXPECT_EQ(shard_of, (std::vector<size_t>{0, 0, 1, 1, 1}));
  std::vector<milliseconds> loads = shard_loads(list, shard_of, 2);
  EXPECT_EQ(loads, (std::vector<milliseconds>{milliseconds(10), milliseconds(11)}));
  EXPECT_EQ(makespan_lower_bound(list, 2), milliseconds(11));
}

TEST(Shards, EqualDurationsAreBrokenByIdNotByInputOrder) {
  auto forward = items({{"x/1", 5}, {"y/1", 5}, {"z/1", 5}});
  auto backward = items({{"z/1", 5}, {"y/1", 5}, {"x/1", 5}});
  std::vector<size_t> f = assign_shards(forward, 2);
  std::vector<size_t> b = assign_shards(backward, 2);
  // x first onto shard 0, y onto shard 1, z onto shard 0 (both at 5: the lower one).
  EXPECT_EQ(f, (std::vector<size_t>{0, 1, 0}));
  EXPECT_EQ(b, (std::vector<size_t>{0, 1, 0}));
}

TEST(Shards, EveryItemGoesToExactlyOneShardAndMoreShardsThanItemsLeaveSomeEmpty) {
  auto list = items({{"a/1", 1}, {"b/1", 1}});
  std::vector<size_t> shard_of = assign_shards(list, 4);
  EXPECT_EQ(shard_of, (std::vector<size_t>{0, 1}));
  EXPECT_EQ(shard_loads(list, shard_of, 4)[3], milliseconds(0));
  EXPECT_EQ(makespan_lower_bound(list, 4), milliseconds(1));
}

TEST(Shards, UnknownDurationsAreEstimatedFromTheCatalogAndTheFileCount) {
  Plan plan;
  ScannerDecision known, unknown, off;
  known.scanner_id = "semgrep";
  known.selected = unknown.selected = true;
  unknown.scanner_id = "shellcheck";
  off.scanner_id = "trivy";
  Invocation one, three;
  one.expected_duration = three.expected_duration = std::chrono::seconds(2);
  one.files = {"a.sh"};
  three.files = {"a.sh", "b.sh", "c.sh"};
  known.invocations = {one};
  unknown.invocations = {one, three};
  off.invocations = {one};
  plan.scanners = {known, unknown, off};
  std::vector<ShardItem> got = shard_items(plan, {{"semgrep", milliseconds(41000)}});
  ASSERT_EQ(got.size(), 3u);
  EXPECT_EQ(got[0].id, "semgrep/1");
  EXPECT_EQ(got[0].duration, milliseconds(41000));
  EXPECT_EQ(got[1].id, "shellcheck/1");
  EXPECT_EQ(got[1].duration, milliseconds(2020));
  EXPECT_EQ(got[2].id, "shellcheck/2");
  EXPECT_EQ(got[2].duration, milliseconds(2060));
}

TEST(Shards, PlanFingerprintChangesWithTheFilesButNotWithArgvOrDurations) {
  Plan plan;
  ScannerDecision d;
  d.scanner_id = "shellcheck";
  d.selected = true;
  Invocation inv;
  inv.files = {"a.sh"};
  inv.argv = {"shellcheck", "/tmp/configs-1/rc", "a.sh"};
  d.invocations = {inv};
  plan.scanners = {d};
  std::string first = plan_fingerprint(plan);
  EXPECT_EQ(first.size(), 16u);
  plan.scanners[0].invocations[0].argv[1] = "/tmp/configs-2/rc";
  plan.scanners[0].invocations[0].expected_duration = milliseconds(9);
  EXPECT_EQ(plan_fingerprint(plan), first);
  plan.scanners[0].invocations[0].files = {"b.sh"};
  EXPECT_NE(plan_fingerprint(plan), first);
}

TEST(Shards, LptStaysWithinFourThirdsOfTheLowerBound) {
  std::vector<ShardItem> list;
  for (int i = 0; i < 200; ++i)
    list.push_back({"s/" + std::to_string(i), milliseconds((i * 7919) % 997 + 1)});
  for (size_t n : {2, 4, 8}) {
    std::vector<milliseconds> loads = shard_loads(list, assign_shards(list, n), n);
    milliseconds makespan = *std::max_element(loads.begin(), loads.end());
    EXPECT_LE(makespan.count() * 3, makespan_lower_bound(list, n).count() * 4) << n;
  }
}

}  // namespace
}  // namespace lamina
