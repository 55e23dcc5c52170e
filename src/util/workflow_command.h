#pragma once
// GitHub Actions workflow commands, escaped exactly as @actions/core 3.0.1 does
// (lib/command.js): data escapes % CR LF; property values also escape : and ,.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lamina {

std::string escape_command_data(std::string_view text);
std::string escape_command_property(std::string_view text);

// "::name k1=v1,k2=v2::data\n"; properties with empty values are dropped, like @actions/core
// drops falsy ones.
std::string workflow_command(std::string_view name,
                             const std::vector<std::pair<std::string, std::string>>& properties,
                             std::string_view data);

// Text lamina prints to a GitHub log that is not a command (the findings list, the summary,
// notes, error messages), made so the runner reads no line of it as one, whatever file names and
// messages it holds. The runner (actions/runner ActionCommandManager) splits output at CR and LF
// and takes a line as a command when, after TrimStart(), it starts with "::" or when it holds
// "##[" anywhere (`##[stop-commands]x` would swallow every later annotation). Its comparisons are
// culture-sensitive, which skips ignorable characters ("#\u00AD#["), so first every format or
// otherwise ignorable character is written as \xNN escapes; then each "##[" becomes "##\x5b"
// and a line's leading "::" becomes "\x3a:". Line ends and everything else are kept.
std::string inert_log_text(std::string_view text);

// inert_log_text() when `github` (lamina runs under GitHub Actions), `text` unchanged otherwise.
std::string log_text(bool github, std::string_view text);

}  // namespace lamina
