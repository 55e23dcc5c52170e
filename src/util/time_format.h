#pragma once
// Timestamps in the two UTC forms lamina's reports need.
#include <chrono>
#include <string>

namespace lamina {

// 2026-01-01T00:00:01.250Z (SARIF, ISO 8601 with milliseconds)
std::string iso8601_utc_millis(std::chrono::system_clock::time_point t);

// 2026-01-01T00:00:01 (GitLab security reports: no zone suffix, no fraction)
std::string iso8601_utc_seconds(std::chrono::system_clock::time_point t);

}  // namespace lamina
