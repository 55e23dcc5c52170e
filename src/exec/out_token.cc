#include "exec/out_token.h"

#include <algorithm>

namespace lamina {

std::vector<std::string> replace_out_token(std::vector<std::string> argv,
                                           const std::vector<OutSlot>& slots,
                                           const std::string& path) {
  static constexpr std::string_view kToken = "{out}";
  std::vector<OutSlot> last_first = slots;
  // From the end of each argument, so earlier offsets stay valid.
  std::sort(last_first.begin(), last_first.end(), [](const OutSlot& a, const OutSlot& b) {
    return a.arg != b.arg ? a.arg > b.arg : a.at > b.at;
  });
  for (const OutSlot& slot : last_first) {
    if (slot.arg >= argv.size()) continue;
    std::string& arg = argv[slot.arg];
    if (arg.compare(slot.at, kToken.size(), kToken) == 0) arg.replace(slot.at, kToken.size(), path);
  }
  return argv;
}

}  // namespace lamina
