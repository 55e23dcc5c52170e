#pragma once
// The scanner catalog: the built-in entries (catalog/builtin.yml, embedded in the binary) and
// the ones a configuration adds.
#include <string>
#include <string_view>

#include "catalog/scanner_spec.h"

namespace lamina {

struct Catalog {
  std::vector<ScannerSpec> scanners;  // in catalog order

  const ScannerSpec* find(std::string_view id) const;
  ScannerSpec* find(std::string_view id);
  std::vector<std::string> ids() const;
};

// Parses a catalog document: `scanners:` followed by a list of entries. `file` names the
// document in messages ("builtin.yml", "my-catalog.yml").
Catalog parse_catalog(std::string_view yaml_text, const std::string& file);

// The embedded built-in catalog, parsed once.
const Catalog& builtin_catalog();

}  // namespace lamina
