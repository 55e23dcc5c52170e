#include "report/workflow_command.h"

namespace lamina {
namespace {

std::string escape(std::string_view text, bool property) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '%':
        out += "%25";
        break;
      case '\r':
        out += "%0D";
        break;
      case '\n':
        out += "%0A";
        break;
      case ':':
        out += property ? "%3A" : ":";
        break;
      case ',':
        out += property ? "%2C" : ",";
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace

std::string escape_command_data(std::string_view text) {
  return escape(text, false);
}
std::string escape_command_property(std::string_view text) {
  return escape(text, true);
}

std::string workflow_command(std::string_view name,
                             const std::vector<std::pair<std::string, std::string>>& properties,
                             std::string_view data) {
  std::string line = "::";
  line += name;
  if (!properties.empty()) {
    line += ' ';
    bool first = true;
    for (const auto& [key, value] : properties) {
      if (value.empty()) continue;
      if (!first) line += ',';
      first = false;
      line += key + "=" + escape_command_property(value);
    }
  }
  line += "::";
  line += escape_command_data(data);
  line += '\n';
  return line;
}

}  // namespace lamina
