#pragma once
// Reads scanner entries from YAML: whole entries (catalog, custom scanners in .lamina.yml) and
// partial overrides of an existing entry (scanners.<id> in .lamina.yml).
#include <yaml-cpp/yaml.h>

#include <string>

#include "catalog/scanner_spec.h"
#include "catalog/yaml_reader.h"

namespace lamina {

enum class EntryKind { catalog_entry, custom_scanner, override_entry };

// Sets every field given in `body` on `spec` (fields not given are left alone); `context` names
// the entry in messages, e.g. "scanners.bandit".
void read_scanner_fields(ScannerSpec& spec, const YAML::Node& body, const YamlSource& source,
                         const std::string& context, EntryKind kind);

// Checks a finished entry (placeholders fit the scope, the format is known, ...); failures point
// at `where` (the entry's node).
void validate_scanner(const ScannerSpec& spec, const YAML::Node& where, const YamlSource& source,
                      const std::string& context);

}  // namespace lamina
