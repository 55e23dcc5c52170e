#pragma once
// Splitting a plan's invocations over the CI system's parallel jobs (GitHub's job matrix,
// GitLab's `parallel:`): `lamina scan --shard I/N` runs shard I of N, `lamina merge` joins them.
// Pure: which invocation runs where depends only on the plan and the previous run's durations,
// so every shard job computes the same split without talking to the others.
#include <chrono>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "plan/plan.h"

namespace lamina {

// Shard `index` of `total`, 1-based like GitLab's CI_NODE_INDEX: 1/3, 2/3, 3/3.
struct ShardSpec {
  size_t index = 1;
  size_t total = 1;
  bool operator==(const ShardSpec&) const = default;
};

inline constexpr size_t kMaxShards = 256;

// "I/N" with 1 <= I <= N <= kMaxShards. nullopt, with what was wrong in `why`, for anything else.
std::optional<ShardSpec> parse_shard(std::string_view text, std::string* why);
std::string to_string(const ShardSpec& shard);  // "2/3"

// One invocation of the plan, as the split sees it.
struct ShardItem {
  std::string id;  // "<scanner>/<k>": the k-th invocation (from 1) of that scanner in the plan
  std::chrono::milliseconds duration{0};  // expected
};

// Every invocation of the plan's selected scanners, in plan order, with its expected duration:
// the previous run's (`timings`, scanner id -> longest invocation, from --timings) when known,
// else estimate_duration().
std::vector<ShardItem> shard_items(const Plan& plan,
                                   const std::map<std::string, std::chrono::milliseconds>& timings);

// A duration for an invocation no earlier run timed: the catalog's expected_duration plus
// kPerFileEstimate for each file it is given (a batch of 5,000 files costs more than one of 3).
inline constexpr std::chrono::milliseconds kPerFileEstimate{20};
std::chrono::milliseconds estimate_duration(const Invocation& invocation);

// LPT: items longest first (equal durations by id) each go to the least-loaded shard (equal loads:
// the lowest shard). Returns the shard of each item, 0-based, in the order of `items`.
std::vector<size_t> assign_shards(const std::vector<ShardItem>& items, size_t total);

// The sum of the durations each shard got, and LPT's yardsticks.
std::vector<std::chrono::milliseconds> shard_loads(const std::vector<ShardItem>& items,
                                                   const std::vector<size_t>& shard_of,
                                                   size_t total);
// max(total duration / N, longest item): no split can finish sooner.
std::chrono::milliseconds makespan_lower_bound(const std::vector<ShardItem>& items, size_t total);

// A fingerprint of the whole plan as sharding sees it (the ids and the files each invocation
// covers, not durations): shards made from different plans (another commit, another
// configuration, another set of installed scanners) do not merge. 16 hex digits.
std::string plan_fingerprint(const Plan& plan);

}  // namespace lamina
