#pragma once
// What every fuzz target shares: a property that must hold for any input aborts with a message
// when it does not, so libFuzzer records the input as a crash (assert() would vanish with
// NDEBUG).
#include <cstdio>
#include <cstdlib>
#include <string_view>

#define FUZZ_CHECK(condition)                                                                 \
  do {                                                                                        \
    if (!(condition)) {                                                                       \
      std::fprintf(stderr, "%s:%d: property violated: %s\n", __FILE__, __LINE__, #condition); \
      std::abort();                                                                           \
    }                                                                                         \
  } while (0)

namespace lamina::fuzz {

inline std::string_view as_text(const uint8_t* data, size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// Splits off the text before the first `separator` (the whole input when there is none).
inline std::string_view take_part(std::string_view& input, char separator) {
  size_t at = input.find(separator);
  std::string_view part = input.substr(0, at);
  input.remove_prefix(at == std::string_view::npos ? input.size() : at + 1);
  return part;
}

}  // namespace lamina::fuzz
