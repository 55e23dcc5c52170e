#include "plan/shards.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <numeric>
#include <queue>
#include <tuple>

namespace lamina {
namespace {

std::optional<size_t> whole_number(std::string_view text) {
  size_t value = 0;
  if (text.empty() || text.size() > 6) return std::nullopt;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

uint64_t fnv1a(std::string_view bytes, uint64_t hash) {
  for (unsigned char c : bytes) {
    hash ^= c;
    hash *= 0x100000001b3ull;
  }
  return hash;
}

}  // namespace

std::optional<ShardSpec> parse_shard(std::string_view text, std::string* why) {
  auto fail = [&](const std::string& reason) -> std::optional<ShardSpec> {
    if (why) *why = reason;
    return std::nullopt;
  };
  size_t slash = text.find('/');
  if (slash == std::string_view::npos)
    return fail("expected I/N, the shard's number and the number of shards, e.g. 2/4");
  std::optional<size_t> index = whole_number(text.substr(0, slash));
  std::optional<size_t> total = whole_number(text.substr(slash + 1));
  if (!index || !total) return fail("expected I/N with two whole numbers, e.g. 2/4");
  if (*total < 1 || *total > kMaxShards)
    return fail("N must be from 1 to " + std::to_string(kMaxShards));
  if (*index < 1 || *index > *total)
    return fail("I is 1-based: from 1 to N (" + std::to_string(*total) + ")");
  return ShardSpec{*index, *total};
}

std::string to_string(const ShardSpec& shard) {
  return std::to_string(shard.index) + "/" + std::to_string(shard.total);
}

std::chrono::milliseconds estimate_duration(const Invocation& invocation) {
  return invocation.expected_duration +
         kPerFileEstimate * static_cast<int64_t>(invocation.files.size());
}

std::vector<ShardItem> shard_items(
    const Plan& plan, const std::map<std::string, std::chrono::milliseconds>& timings) {
  std::vector<ShardItem> items;
  for (const ScannerDecision& d : plan.scanners) {
    if (!d.selected) continue;
    auto known = timings.find(d.scanner_id);
    for (size_t k = 0; k < d.invocations.size(); ++k) {
      items.push_back(
          {d.scanner_id + "/" + std::to_string(k + 1),
           known != timings.end() ? known->second : estimate_duration(d.invocations[k])});
    }
  }
  return items;
}

std::vector<size_t> assign_shards(const std::vector<ShardItem>& items, size_t total) {
  std::vector<size_t> order(items.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return std::tie(items[b].duration, items[a].id) < std::tie(items[a].duration, items[b].id);
  });
  // (load, shard): the top is the least-loaded shard, the lowest-numbered among equals.
  using Load = std::pair<std::chrono::milliseconds, size_t>;
  std::priority_queue<Load, std::vector<Load>, std::greater<>> loads;
  for (size_t s = 0; s < std::max<size_t>(total, 1); ++s)
    loads.push({std::chrono::milliseconds(0), s});
  std::vector<size_t> shard_of(items.size(), 0);
  for (size_t i : order) {
    Load least = loads.top();
    loads.pop();
    shard_of[i] = least.second;
    loads.push({least.first + items[i].duration, least.second});
  }
  return shard_of;
}

std::vector<std::chrono::milliseconds> shard_loads(const std::vector<ShardItem>& items,
                                                   const std::vector<size_t>& shard_of,
                                                   size_t total) {
  std::vector<std::chrono::milliseconds> loads(total, std::chrono::milliseconds(0));
  for (size_t i = 0; i < items.size() && i < shard_of.size(); ++i) {
    if (shard_of[i] < total) loads[shard_of[i]] += items[i].duration;
  }
  return loads;
}

std::chrono::milliseconds makespan_lower_bound(const std::vector<ShardItem>& items, size_t total) {
  std::chrono::milliseconds sum{0}, longest{0};
  for (const ShardItem& item : items) {
    sum += item.duration;
    longest = std::max(longest, item.duration);
  }
  if (total == 0) return sum;
  auto n = static_cast<int64_t>(total);
  return std::max(longest, std::chrono::milliseconds((sum.count() + n - 1) / n));
}

std::string plan_fingerprint(const Plan& plan) {
  uint64_t hash = 0xcbf29ce484222325ull;
  auto add = [&](std::string_view text) {
    hash = fnv1a(text, hash);
    hash = fnv1a(std::string_view("\0", 1), hash);
  };
  add(to_string(plan.layer));
  for (const ScannerDecision& d : plan.scanners) {
    if (!d.selected) continue;
    add(d.scanner_id);
    add(std::to_string(d.invocations.size()));
    for (const Invocation& inv : d.invocations) {
      add(std::to_string(inv.files.size()));
      for (std::string_view file : inv.files) add(file);
      add(inv.artifact ? std::to_string(*inv.artifact) : "-");
    }
  }
  static const char kHex[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, hash >>= 4) out[static_cast<size_t>(i)] = kHex[hash & 0xF];
  return out;
}

}  // namespace lamina
