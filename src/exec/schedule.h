#pragma once
// Which invocation starts first, and afterwards which chain of them decided the wall time.
#include <chrono>
#include <string>
#include <vector>

#include "exec/run_result.h"
#include "exec/timings.h"
#include "plan/plan.h"

namespace lamina {

// The previous run's duration of the invocation's scanner when known, else the catalog's
// estimate (Invocation::expected_duration).
std::chrono::milliseconds expected_duration(const Invocation& invocation,
                                            const ScannerTimings& timings);

// Indices of `invocations`, longest expected first; equal estimates keep the plan's order.
std::vector<size_t> longest_first(const std::vector<Invocation>& invocations,
                                  const ScannerTimings& timings);

// The chain that determined the wall time, in start order: the invocation that ended last, the
// one whose end freed its job slot, and so on back to one that started at once. Empty when
// nothing ran.
std::vector<size_t> critical_path(const std::vector<RunResult>& results);

// "semgrep (41.2s) -> shellcheck (3.1s)", for the summary; "" when nothing ran.
std::string describe_critical_path(const std::vector<RunResult>& results);

}  // namespace lamina
