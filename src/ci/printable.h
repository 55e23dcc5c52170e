#pragma once
// Values from event payloads and CI variables are hostile (branch names may hold newlines, escape
// sequences, bidi overrides, invalid UTF-8). They reach people only through these functions.
#include <cstddef>
#include <string>
#include <string_view>

namespace lamina {

// `text` as one line of plain, valid UTF-8: control characters (C0, DEL, C1), line and paragraph
// separators, bidi controls and invalid UTF-8 bytes become '?'; longer than `max_bytes`, it is cut
// at a character boundary and ends with "...".
std::string printable(std::string_view text, std::size_t max_bytes = 80);

// printable(text) in double quotes, for naming a bad value in an error message.
std::string in_quotes(std::string_view text);

}  // namespace lamina
