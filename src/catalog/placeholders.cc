#include "catalog/placeholders.h"

namespace lamina {
namespace {

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

// Calls on_text(text) and on_placeholder(name) for the pieces of `arg`, in order.
template <typename Text, typename Placeholder>
void split_template(std::string_view arg, Text on_text, Placeholder on_placeholder) {
  size_t i = 0;
  while (i < arg.size()) {
    if (arg[i] != '{') {
      on_text(arg.substr(i, 1));
      ++i;
      continue;
    }
    size_t run = arg.find_first_not_of('{', i);
    if (run == std::string_view::npos) run = arg.size();
    if (run - i > 1) {  // "{{...": literal braces
      on_text(arg.substr(i, run - i));
      i = run;
      continue;
    }
    size_t end = i + 1;
    while (end < arg.size() && is_name_char(arg[end])) ++end;
    if (end < arg.size() && arg[end] == '}') {
      on_placeholder(arg.substr(i + 1, end - i - 1));
      i = end + 1;
    } else {
      on_text(arg.substr(i, 1));
      ++i;
    }
  }
}

}  // namespace

std::vector<std::string> placeholders_in(std::string_view arg) {
  std::vector<std::string> names;
  split_template(
      arg, [](std::string_view) {}, [&](std::string_view name) { names.emplace_back(name); });
  return names;
}

std::string substitute_placeholders(std::string_view arg,
                                    const std::map<std::string, std::string>& values) {
  std::string result;
  split_template(
      arg, [&](std::string_view text) { result += text; },
      [&](std::string_view name) {
        auto it = values.find(std::string(name));
        result += it == values.end() ? "{" + std::string(name) + "}" : it->second;
      });
  return result;
}

}  // namespace lamina
