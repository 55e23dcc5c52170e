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

}  // namespace lamina
