#pragma once
// Byte-string helpers for hostile text (file names, tool output). Knows nothing of lamina.
#include <cstddef>
#include <string>
#include <string_view>

namespace lamina {

bool is_valid_utf8(std::string_view bytes);

// Invalid UTF-8 sequences replaced by U+FFFD; valid input is returned unchanged.
std::string to_valid_utf8(std::string_view bytes);

// For a terminal or a log line: control characters (incl. ESC, CR, LF, DEL), backslashes and
// invalid UTF-8 bytes written as C escapes (\n, \t, \\, \xNN), so the text stays one inert line.
std::string printable(std::string_view bytes);

// printable(), except that line feeds and tabs stay as they are: for a block of tool output in a
// log, which keeps its lines but shows escape sequences and carriage returns as text.
std::string printable_lines(std::string_view bytes);

// Valid UTF-8 with control characters other than tab, line feed and carriage return (ESC, BEL,
// DEL, C1), line and paragraph separators and bidi controls replaced by U+FFFD: for text whose
// channel escapes line ends itself (workflow commands, JSON) but would pass escapes through.
std::string without_controls(std::string_view bytes);

// `text` as one line of plain, valid UTF-8 for messages: control characters (C0, DEL, C1), line
// and paragraph separators, bidi controls and invalid UTF-8 bytes become '?'; longer than
// `max_bytes`, it is cut at a character boundary and ends with "...".
std::string one_line(std::string_view text, std::size_t max_bytes = 80);

// `text` with each valid UTF-8 sequence that is an invisible control (C1 controls, U+2028,
// U+2029, the bidi embedding, override and isolate controls) replaced by `replacement`; every
// other byte is kept as it is.
std::string replace_invisible_controls(std::string_view text, std::string_view replacement);

// one_line(text) in double quotes, for naming a bad value in an error message.
std::string in_quotes(std::string_view text);

// Standard base64 with padding (RFC 4648).
std::string base64_encode(std::string_view bytes);

}  // namespace lamina
