#pragma once
// The report formats lamina can parse (one parser per name in src/parse/). The catalog may name
// only these; this is the one list both sides agree on.
#include <string_view>
#include <vector>

namespace lamina {

const std::vector<std::string_view>& known_output_formats();
bool is_known_output_format(std::string_view name);

}  // namespace lamina
