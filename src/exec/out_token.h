#pragma once
// The "{out}" placeholder of an invocation's argv: where a scanner writes its report file.
#include <string>
#include <vector>

#include "plan/plan.h"

namespace lamina {

// `argv` with the "{out}" at each of `slots` (Invocation::out_slots) replaced by `path`. Any other
// "{out}" (in a file name, in a filled value, or in `path` itself) is left as it is.
std::vector<std::string> replace_out_token(std::vector<std::string> argv,
                                           const std::vector<OutSlot>& slots,
                                           const std::string& path);

}  // namespace lamina
