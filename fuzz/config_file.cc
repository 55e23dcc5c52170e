// A .lamina.yml as a pull request could write it: layered onto the defaults and applied to the
// built-in catalog. Bad text must end in lamina::Error (exit 2 with the file and field), never in
// another exception or a crash.
#include "config/load_settings.h"
#include "fuzz_check.h"
#include "util/error.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  lamina::ConfigSource file{".lamina.yml", std::string(lamina::fuzz::as_text(data, size))};
  try {
    lamina::Settings settings = lamina::load_settings(file, lamina::SettingFlags{}, {});
    FUZZ_CHECK(settings.jobs.value >= 1 && settings.jobs.value <= 1024);
    lamina::Catalog catalog = lamina::effective_catalog(lamina::builtin_catalog(), settings);
    FUZZ_CHECK(!catalog.scanners.empty());
  } catch (const lamina::Error&) {
  }
  return 0;
}
