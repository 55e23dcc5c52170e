#include "exec/schedule.h"

#include <algorithm>
#include <numeric>

namespace lamina {

std::chrono::milliseconds expected_duration(const Invocation& invocation,
                                            const ScannerTimings& timings) {
  auto it = timings.find(invocation.scanner_id);
  return it != timings.end() ? it->second : invocation.expected_duration;
}

std::vector<size_t> longest_first(const std::vector<Invocation>& invocations,
                                  const ScannerTimings& timings) {
  std::vector<size_t> order(invocations.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return expected_duration(invocations[a], timings) > expected_duration(invocations[b], timings);
  });
  return order;
}

std::vector<size_t> critical_path(const std::vector<RunResult>& results) {
  std::vector<size_t> path;
  auto last = std::max_element(results.begin(), results.end(), [](const auto& a, const auto& b) {
    return a.end_time < b.end_time;
  });
  if (last == results.end()) return path;
  // started_after always names an earlier-started invocation, so the walk ends; the bound
  // guards against a hand-made cycle.
  for (size_t at = static_cast<size_t>(last - results.begin());
       at < results.size() && path.size() <= results.size(); at = results[at].started_after) {
    path.push_back(at);
  }
  std::reverse(path.begin(), path.end());
  return path;
}

std::string describe_critical_path(const std::vector<RunResult>& results) {
  std::string text;
  for (size_t index : critical_path(results)) {
    if (!text.empty()) text += " -> ";
    text += results[index].invocation.scanner_id + " (" +
            format_duration(run_duration(results[index])) + ")";
  }
  return text;
}

}  // namespace lamina
