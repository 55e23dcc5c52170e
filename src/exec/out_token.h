#pragma once
// The "{out}" placeholder of an invocation's argv: where a scanner writes its report file.
#include <string>
#include <vector>

namespace lamina {

// True when some argument contains "{out}".
bool has_out_token(const std::vector<std::string>& argv);

// `argv` with every "{out}" (alone or inside an argument, e.g. "--output={out}") replaced by
// `path`. Text inside `path` is never re-expanded.
std::vector<std::string> replace_out_token(std::vector<std::string> argv, const std::string& path);

}  // namespace lamina
