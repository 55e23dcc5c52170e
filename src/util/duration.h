#pragma once
// Durations as people write them in configuration: "30s", "5m", "1h30m", "500ms".
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace lamina {

// nullopt unless `text` is one or more <digits><unit> parts, unit ms | s | m | h.
std::optional<std::chrono::milliseconds> parse_duration(std::string_view text);

// The shortest exact spelling: 300000ms -> "5m", 90000ms -> "1m30s".
std::string duration_text(std::chrono::milliseconds duration);

}  // namespace lamina
