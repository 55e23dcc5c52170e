// The workflow-command escaper, with hostile file names, titles and messages: the command must
// stay one line (no raw CR or LF, so no "::" can start a second command), properties cannot add
// or split properties, and the runner's unescaping gives back exactly what was written.
#include <string>
#include <vector>

#include "fuzz_check.h"
#include "util/workflow_command.h"

namespace {

// The runner's decoding of a property value or of the data (@actions/toolkit's command.ts).
std::string unescape(std::string_view text, bool property) {
  std::string out(text);
  auto replace_all = [&out](std::string_view from, std::string_view to) {
    for (size_t at = 0; (at = out.find(from, at)) != std::string::npos; at += to.size())
      out.replace(at, from.size(), to);
  };
  replace_all("%0D", "\r");
  replace_all("%0A", "\n");
  if (property) {
    replace_all("%3A", ":");
    replace_all("%2C", ",");
  }
  replace_all("%25", "%");
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input = lamina::fuzz::as_text(data, size);
  std::string file(lamina::fuzz::take_part(input, '\0'));
  std::string title(lamina::fuzz::take_part(input, '\0'));
  std::string_view message = input;
  std::string line =
      lamina::workflow_command("error", {{"file", file}, {"line", "3"}, {"title", title}}, message);

  FUZZ_CHECK(line.size() >= 3 && line.back() == '\n');
  FUZZ_CHECK(line.find('\n') == line.size() - 1);
  FUZZ_CHECK(line.find('\r') == std::string::npos);
  FUZZ_CHECK(line.rfind("::error ", 0) == 0);

  // The runner: properties end at the first "::" after the name; each is key=value, split on ','.
  size_t end = line.find("::", 2);
  FUZZ_CHECK(end != std::string::npos);
  std::string_view properties(line.data() + 8, end - 8);
  std::vector<std::pair<std::string, std::string>> expected;
  if (!file.empty()) expected.push_back({"file", file});
  expected.push_back({"line", "3"});
  if (!title.empty()) expected.push_back({"title", title});
  for (const auto& [key, value] : expected) {
    std::string_view property = lamina::fuzz::take_part(properties, ',');
    size_t equals = property.find('=');
    FUZZ_CHECK(equals != std::string_view::npos && property.substr(0, equals) == key);
    FUZZ_CHECK(unescape(property.substr(equals + 1), true) == value);
  }
  FUZZ_CHECK(properties.empty());
  std::string_view data_part(line.data() + end + 2, line.size() - end - 3);
  FUZZ_CHECK(unescape(data_part, false) == message);
  return 0;
}
