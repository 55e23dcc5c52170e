#include "util/duration.h"

#include <cstdint>
#include <limits>

namespace lamina {
namespace {

std::optional<int64_t> unit_ms(std::string_view unit) {
  if (unit == "ms") return 1;
  if (unit == "s") return 1000;
  if (unit == "m") return 60 * 1000;
  if (unit == "h") return 60 * 60 * 1000;
  if (unit == "d") return 24 * 60 * 60 * 1000;
  return std::nullopt;
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

}  // namespace

std::optional<std::chrono::milliseconds> parse_duration(std::string_view text) {
  if (text.empty()) return std::nullopt;
  int64_t total = 0;
  size_t i = 0;
  while (i < text.size()) {
    size_t digits_start = i;
    int64_t number = 0;
    while (i < text.size() && is_digit(text[i])) {
      if (number > std::numeric_limits<int32_t>::max()) return std::nullopt;
      number = number * 10 + (text[i++] - '0');
    }
    if (i == digits_start) return std::nullopt;
    size_t unit_start = i;
    while (i < text.size() && !is_digit(text[i])) ++i;
    std::optional<int64_t> factor = unit_ms(text.substr(unit_start, i - unit_start));
    if (!factor) return std::nullopt;
    total += number * *factor;
  }
  return std::chrono::milliseconds(total);
}

std::string duration_text(std::chrono::milliseconds duration) {
  int64_t ms = duration.count();
  if (ms == 0) return "0s";
  std::string text;
  for (auto [unit, size] : {std::pair{"h", int64_t{3600000}}, std::pair{"m", int64_t{60000}},
                            std::pair{"s", int64_t{1000}}, std::pair{"ms", int64_t{1}}}) {
    if (ms >= size) {
      text += std::to_string(ms / size) + unit;
      ms %= size;
    }
  }
  return text;
}

}  // namespace lamina
