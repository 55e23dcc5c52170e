#pragma once
// SARIF 2.1.0 from any tool, read as a stream (see sarif_stream.h).
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

#include "parse/parse.h"

namespace lamina {

// What one run of a log says about itself, given when the run ends, after its findings.
struct SarifRunSummary {
  size_t number = 0;         // 1-based position in "runs"
  std::string tool_name;     // tool.driver.name, "" when absent
  std::string tool_version;  // driver version, else semanticVersion
  std::string information_uri;
  // False when the run has no "results" array: the tool did not run to completion (SARIF
  // §3.14.23), which is not the same as "results": [] (it ran and found nothing).
  bool has_results = false;
};
using RunSink = std::function<void(SarifRunSummary&&)>;

// "run 2 (Snyk Container) has no \"results\" array: the tool did not run to completion".
std::string incomplete_run_reason(const SarifRunSummary& run);

// Each finding goes to `sink` as soon as it is complete; outcome.findings stays empty. Results
// that come before their run's "tool" (gosec writes them first), or whose uriBaseId or artifact
// the run has not defined so far (trivy's dangling ROOTPATH), wait for the end of the run, so
// member order never changes the findings; only those results are held in memory. `runs`, when
// given, hears of each run after its last finding. A run without "results" sets
// outcome.tool_failure (the scanner did not complete).
ParseOutcome stream_sarif(std::string_view bytes, const ParseContext& ctx, const FindingSink& sink,
                          const RunSink& runs = {});

// The same, reading `path` in 1 MiB chunks, so a large log is never wholly in memory. A file that
// cannot be opened is an error outcome naming it.
ParseOutcome stream_sarif_file(const std::string& path, const ParseContext& ctx,
                               const FindingSink& sink, const RunSink& runs = {});

}  // namespace lamina
