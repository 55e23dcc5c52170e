#include "parse/line_formats.h"

#include "parse/parse_support.h"

namespace lamina {
namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// Length of the "-?digits" run at `at` (0 if none).
size_t number_length(std::string_view text, size_t at) {
  size_t i = at;
  if (i < text.size() && text[i] == '-') ++i;
  size_t digits_start = i;
  while (i < text.size() && is_digit(text[i])) ++i;
  return i == digits_start ? 0 : i - at;
}

std::string_view trim_left(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  return text;
}

}  // namespace

std::optional<LinePrefix> split_line_prefix(std::string_view text) {
  for (size_t colon = text.find(':'); colon != std::string_view::npos;
       colon = text.find(':', colon + 1)) {
    if (colon == 0) continue;
    size_t line_length = number_length(text, colon + 1);
    size_t after_line = colon + 1 + line_length;
    if (line_length == 0 || after_line >= text.size() || text[after_line] != ':') continue;
    LinePrefix prefix;
    prefix.path = text.substr(0, colon);
    prefix.line = *parse_integer(text.substr(colon + 1, line_length));
    size_t column_length = number_length(text, after_line + 1);
    size_t after_column = after_line + 1 + column_length;
    if (column_length > 0 && after_column < text.size() && text[after_column] == ':') {
      prefix.column = parse_integer(text.substr(after_line + 1, column_length));
      prefix.rest = trim_left(text.substr(after_column + 1));
    } else {
      prefix.rest = trim_left(text.substr(after_line + 1));
    }
    return prefix;
  }
  return std::nullopt;
}

std::string_view take_trailing_tag(std::string_view& message, char open, char close) {
  std::string_view trimmed = message;
  while (!trimmed.empty() && trimmed.back() == ' ') trimmed.remove_suffix(1);
  if (trimmed.empty() || trimmed.back() != close) return {};
  size_t start = trimmed.rfind(open);
  if (start == std::string_view::npos) return {};
  std::string_view tag = trimmed.substr(start + 1, trimmed.size() - start - 2);
  if (tag.empty() || tag.find(' ') != std::string_view::npos) return {};
  message = trimmed.substr(0, start);
  while (!message.empty() && message.back() == ' ') message.remove_suffix(1);
  return tag;
}

}  // namespace lamina
