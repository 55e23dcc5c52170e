// The "path:line[:column]: [level:] message [rule]" lines of gcc, clang-tidy, shellcheck -f gcc,
// markdownlint and many others.
#include <array>

#include "parse/line_formats.h"
#include "parse/parse_support.h"
#include "parse/parsers.h"

namespace lamina {
namespace {

constexpr std::array<std::string_view, 13> kLevels{
    "fatal error", "error",       "warning", "note", "info",  "information", "style",
    "performance", "portability", "remark",  "hint", "fatal", "debug"};

// "warning: text" -> "warning" (and `message` becomes "text"); "" when no known level leads.
std::string_view take_level(std::string_view& message) {
  for (std::string_view level : kLevels) {
    if (message.size() > level.size() && message.substr(0, level.size()) == level &&
        message[level.size()] == ':') {
      message.remove_prefix(level.size() + 1);
      while (!message.empty() && message.front() == ' ') message.remove_prefix(1);
      return level;
    }
  }
  return {};
}

}  // namespace

ParseOutcome parse_gcc(std::string_view bytes, const ParseContext& ctx) {
  ParseOutcome outcome;
  UnreadLines unread;
  for (std::string_view line : text_lines(bytes, outcome)) {
    std::optional<LinePrefix> prefix = split_line_prefix(line);
    // "In file included from a.h:3:" and its "from b.h:4:" continuations carry no message.
    if (!prefix || prefix->rest.empty()) {
      unread.add(line);
      continue;
    }
    if (outcome.findings.full()) {
      outcome.findings.count_over_limit();
      continue;
    }
    Finding finding = new_finding(ctx, std::string(line));
    std::string_view message = prefix->rest;
    finding.tool_level = std::string(take_level(message));
    finding.rule_id = std::string(take_trailing_tag(message, '[', ']'));
    finding.message = std::string(message);
    RawRegion region{prefix->line, prefix->column, std::nullopt, std::nullopt};
    place_finding(finding, prefix->path, region, ctx, outcome);
    outcome.findings.push_back(std::move(finding));
  }
  unread.report("gcc", outcome);
  return outcome;
}

}  // namespace lamina
