// A scanner catalog document (the spec reader that also reads custom scanners of .lamina.yml).
// Bad text must end in lamina::Error, never in another exception or a crash; every entry that
// is accepted has an id and a command.
#include "catalog/catalog.h"
#include "fuzz_check.h"
#include "util/error.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    lamina::Catalog catalog = lamina::parse_catalog(lamina::fuzz::as_text(data, size), "fuzz.yml");
    for (const lamina::ScannerSpec& spec : catalog.scanners) {
      FUZZ_CHECK(!spec.id.empty());
      FUZZ_CHECK(!spec.command.empty());
    }
  } catch (const lamina::Error&) {
  }
  return 0;
}
