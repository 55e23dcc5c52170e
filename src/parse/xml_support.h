#pragma once
// Loading scanner XML with pugixml. pugixml never expands DTD-declared entities (the DOCTYPE is
// skipped and "&name;" stays literal text), so entity-expansion bombs stay the size of the input.
#include <string>
#include <string_view>

#include <pugixml.hpp>

#include "parse/parse.h"

namespace lamina {

// false with outcome.error ("<format>: not valid XML at byte N: <reason>") when `bytes` is not
// well-formed. Invalid UTF-8 is replaced and noted first.
bool load_xml(pugi::xml_document& document, std::string_view bytes, std::string_view format,
              ParseOutcome& outcome);

// The element as XML text, the finding's original record.
std::string outer_xml(const pugi::xml_node& node);

}  // namespace lamina
