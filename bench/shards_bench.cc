// Splitting 1,000 recorded invocation durations over N = 2, 4, 8 shards (issue 21): the makespan
// (the longest shard) of lamina's LPT split (src/plan/shards.h) against the lower bound no split
// can beat, max(total / N, longest), and against a split in plan order (round robin), the split
// a tool without durations makes. Also the time assign_shards() itself takes.
//   cmake --build build --target shards_bench && build/shards_bench [invocations] [seed]
//
// The durations are generated, deterministically (splitmix64 and Box-Muller, no <random>
// distribution, whose output differs between standard libraries): log-normal, median 6 s, sigma
// 1.4, cut at 30 minutes (a scanner's timeout). That is heavy-tailed like the scanner runs of a
// CI: most linters run in a few seconds, 1 in 20 invocations take over a minute (a semgrep batch,
// an image scan), the longest several minutes. The shape, not the exact figures, is what LPT is
// sensitive to: few long jobs decide the makespan. A second argument picks another seed; a first
// argument of 40 shows a plan of few invocations, where the longest weighs more.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "plan/shards.h"

namespace {

using std::chrono::milliseconds;

struct SplitMix64 {
  uint64_t state;
  uint64_t next() {
    uint64_t z = (state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  double uniform() { return (static_cast<double>(next() >> 11) + 0.5) / 9007199254740992.0; }
};

std::vector<lamina::ShardItem> recorded_durations(size_t count, uint64_t seed) {
  const double kMedianMs = 6000, kSigma = 1.4, kCapMs = 30 * 60 * 1000;
  SplitMix64 rng{seed};
  std::vector<lamina::ShardItem> items;
  for (size_t i = 0; i < count; ++i) {
    double normal = std::sqrt(-2 * std::log(rng.uniform())) * std::cos(2 * M_PI * rng.uniform());
    double ms = std::min(kCapMs, kMedianMs * std::exp(kSigma * normal));
    char id[32];
    std::snprintf(id, sizeof id, "scanner%02zu/%zu", i % 17, i / 17 + 1);
    items.push_back({id, milliseconds(static_cast<int64_t>(std::max(1.0, ms)))});
  }
  return items;
}

double seconds(milliseconds ms) {
  return static_cast<double>(ms.count()) / 1000.0;
}

milliseconds longest(const std::vector<milliseconds>& loads) {
  return *std::max_element(loads.begin(), loads.end());
}

}  // namespace

int main(int argc, char** argv) {
  size_t count = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 1000;
  uint64_t seed = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 21;
  std::vector<lamina::ShardItem> items = recorded_durations(count, seed);
  std::vector<milliseconds> sorted;
  milliseconds total{0};
  for (const lamina::ShardItem& item : items) {
    sorted.push_back(item.duration);
    total += item.duration;
  }
  std::sort(sorted.begin(), sorted.end());
  std::printf(
      "%zu invocations (seed %llu): total %.0f s, median %.1f s, p95 %.1f s, longest %.1f s\n",
      count, static_cast<unsigned long long>(seed), seconds(total), seconds(sorted[count / 2]),
      seconds(sorted[count * 95 / 100]), seconds(sorted.back()));
  std::printf("%3s %11s %11s %9s %8s %15s %7s %11s\n", "N", "bound s", "LPT s", "LPT-bd ms",
              "LPT/bd", "round robin s", "rr/bd", "assign us");
  for (size_t n : {2, 4, 8}) {
    // The median of 51 timed calls: the machine is shared, single calls jitter.
    std::vector<double> times;
    std::vector<size_t> shard_of;
    for (int r = 0; r < 51; ++r) {
      auto start = std::chrono::steady_clock::now();
      shard_of = lamina::assign_shards(items, n);
      times.push_back(
          std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start)
              .count());
    }
    std::nth_element(times.begin(), times.begin() + 25, times.end());
    milliseconds lpt = longest(lamina::shard_loads(items, shard_of, n));
    std::vector<size_t> round_robin(items.size());
    for (size_t i = 0; i < items.size(); ++i) round_robin[i] = i % n;
    milliseconds rr = longest(lamina::shard_loads(items, round_robin, n));
    milliseconds bound = lamina::makespan_lower_bound(items, n);
    std::printf("%3zu %11.1f %11.1f %9lld %8.5f %15.1f %7.3f %11.1f\n", n, seconds(bound),
                seconds(lpt), static_cast<long long>((lpt - bound).count()),
                seconds(lpt) / seconds(bound), seconds(rr), seconds(rr) / seconds(bound),
                times[25]);
  }
  return 0;
}
