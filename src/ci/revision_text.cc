#include "ci/revision_text.h"

#include <algorithm>
#include <charconv>

namespace lamina {
namespace {

bool is_control(char c) {
  return static_cast<unsigned char>(c) < 0x20 || c == 0x7F;
}

bool has_bad_component(std::string_view name) {
  std::size_t start = 0;
  while (start <= name.size()) {
    std::size_t end = name.find('/', start);
    if (end == std::string_view::npos) end = name.size();
    const std::string_view component = name.substr(start, end - start);
    if (component.empty() || component.front() == '.' || component.ends_with(".lock")) return true;
    start = end + 1;
  }
  return false;
}

}  // namespace

bool is_commit_sha(std::string_view text) {
  if (text.size() != 40 && text.size() != 64) return false;
  return std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  });
}

bool is_null_sha(std::string_view text) {
  return is_commit_sha(text) && text.find_first_not_of('0') == std::string_view::npos;
}

std::string short_sha(std::string_view sha) {
  return std::string(sha.substr(0, 7));
}

bool is_branch_name(std::string_view text) {
  if (text.empty() || text.front() == '-' || text == "@") return false;
  if (text.back() == '.' || text.find("..") != std::string_view::npos) return false;
  if (text.find("@{") != std::string_view::npos) return false;
  const bool bad_character = std::any_of(text.begin(), text.end(), [](char c) {
    return is_control(c) || c == ' ' ||
           std::string_view("~^:?*[\\").find(c) != std::string_view::npos;
  });
  return !bad_character && !has_bad_component(text);
}

bool is_revision_text(std::string_view text) {
  return !text.empty() && text.front() != '-' && std::none_of(text.begin(), text.end(), is_control);
}

std::optional<long> parse_request_number(std::string_view text) {
  if (text.empty() || text.front() < '0' || text.front() > '9') return std::nullopt;
  long number = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (error != std::errc() || end != text.data() + text.size() || number <= 0) return std::nullopt;
  return number;
}

}  // namespace lamina
