#pragma once
// Decoding one UTF-8 sequence, for code that judges characters (escapers). Knows nothing of lamina.
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace lamina {

// The length of the valid UTF-8 sequence at `i` (`i` < size) with its code point in
// `code_point`; 0 when it is invalid (overlongs, surrogates and code points above U+10FFFF are).
std::size_t utf8_decode(std::string_view s, std::size_t i, uint32_t* code_point);

}  // namespace lamina
