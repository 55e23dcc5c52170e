#pragma once
// SARIF 2.1.0 from any tool, read as a stream (see sarif_stream.h).
#include <string>
#include <string_view>

#include "parse/parse.h"

namespace lamina {

// Each finding goes to `sink` as soon as it is complete; outcome.findings stays empty. Results
// that come before their run's "tool" (gosec writes them first), or whose uriBaseId or artifact
// the run has not defined so far (trivy's dangling ROOTPATH), wait for the end of the run, so
// member order never changes the findings; only those results are held in memory.
ParseOutcome stream_sarif(std::string_view bytes, const ParseContext& ctx, const FindingSink& sink);

// The same, reading `path` in 1 MiB chunks, so a large log is never wholly in memory. A file that
// cannot be opened is an error outcome naming it.
ParseOutcome stream_sarif_file(const std::string& path, const ParseContext& ctx,
                               const FindingSink& sink);

}  // namespace lamina
