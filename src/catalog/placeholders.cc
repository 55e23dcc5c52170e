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

FilledArgument fill_placeholders(std::string_view arg,
                                 const std::map<std::string, std::string>& values) {
  FilledArgument result;
  split_template(
      arg, [&](std::string_view text) { result.text += text; },
      [&](std::string_view name) {
        auto it = values.find(std::string(name));
        if (it != values.end()) {
          result.text += it->second;
          return;
        }
        result.unfilled.emplace_back(result.text.size(), std::string(name));
        result.text += "{" + std::string(name) + "}";
      });
  return result;
}

}  // namespace lamina
