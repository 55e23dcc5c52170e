#pragma once
// Durations of a previous run (`--timings FILE`, a SARIF log lamina wrote), used to start the
// longest invocations first.
#include <chrono>
#include <map>
#include <optional>
#include <string>

namespace lamina {

// Scanner id -> longest duration of one of its invocations in the previous run.
using ScannerTimings = std::map<std::string, std::chrono::milliseconds>;

// Reads `runs[].invocations[].startTimeUtc/endTimeUtc` of every run whose
// `automationDetails.id` is "lamina/<layer>/<scanner>/". Runs of other tools are skipped.
// Throws Error naming `origin` when `sarif_text` is not a SARIF log.
ScannerTimings timings_from_sarif(const std::string& sarif_text, const std::string& origin);

// Reads the file; throws Error naming it when it cannot be read or parsed.
ScannerTimings read_timings_file(const std::string& path);

// "2026-11-26T16:30:59Z" or with a fraction ("...59.250Z"); nullopt for anything else.
std::optional<std::chrono::system_clock::time_point> parse_utc_timestamp(const std::string& text);

}  // namespace lamina
