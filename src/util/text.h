#pragma once
// Byte-string helpers for hostile text (file names, tool output). Knows nothing of lamina.
#include <string>
#include <string_view>

namespace lamina {

bool is_valid_utf8(std::string_view bytes);

// Invalid UTF-8 sequences replaced by U+FFFD; valid input is returned unchanged.
std::string to_valid_utf8(std::string_view bytes);

// For a terminal or a log line: control characters (incl. ESC, CR, LF, DEL), backslashes and
// invalid UTF-8 bytes written as C escapes (\n, \t, \\, \xNN), so the text stays one inert line.
std::string printable(std::string_view bytes);

// Standard base64 with padding (RFC 4648).
std::string base64_encode(std::string_view bytes);

}  // namespace lamina
