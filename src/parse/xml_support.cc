#include "parse/xml_support.h"

#include <sstream>

#include "parse/parse_support.h"

namespace lamina {

bool load_xml(pugi::xml_document& document, std::string_view bytes, std::string_view format,
              ParseOutcome& outcome) {
  size_t replaced = 0;
  std::string text = valid_utf8(bytes, &replaced);
  if (replaced) {
    outcome.notes.push_back(std::to_string(replaced) +
                            " invalid UTF-8 sequence(s) replaced by U+FFFD");
  }
  pugi::xml_parse_result parsed =
      document.load_buffer(text.data(), text.size(), pugi::parse_default, pugi::encoding_utf8);
  if (!parsed) {
    outcome.error = std::string(format) + ": not valid XML at byte " +
                    std::to_string(parsed.offset) + ": " + parsed.description();
    return false;
  }
  return true;
}

std::string outer_xml(const pugi::xml_node& node) {
  std::ostringstream out;
  node.print(out, "", pugi::format_raw);
  return out.str();
}

}  // namespace lamina
