#include "catalog/catalog.h"

#include <regex>

#include "catalog/spec_reader.h"
#include "util/embedded.h"
#include "util/error.h"

namespace lamina {

const ScannerSpec* Catalog::find(std::string_view id) const {
  for (const ScannerSpec& spec : scanners) {
    if (spec.id == id) return &spec;
  }
  return nullptr;
}

ScannerSpec* Catalog::find(std::string_view id) {
  return const_cast<ScannerSpec*>(static_cast<const Catalog*>(this)->find(id));
}

std::vector<std::string> Catalog::ids() const {
  std::vector<std::string> ids;
  for (const ScannerSpec& spec : scanners) ids.push_back(spec.id);
  return ids;
}

Catalog parse_catalog(std::string_view yaml_text, const std::string& file) {
  YamlSource source{file};
  YAML::Node root = parse_yaml(yaml_text, source);
  expect_map(root, source, "catalog");
  check_keys(root, source, "the catalog", {"scanners"});
  YAML::Node entries = root["scanners"];
  if (!entries.IsSequence()) {
    source.fail(entries, "scanners: expected a list of scanner entries, got " + yaml_kind(entries));
  }
  static const std::regex id_pattern("[a-z0-9][a-z0-9._-]*");
  Catalog catalog;
  for (const YAML::Node& entry : entries) {
    ScannerSpec spec;
    spec.defined_at = source.position(entry);
    read_scanner_fields(spec, entry, source, "scanner entry", EntryKind::catalog_entry);
    if (!std::regex_match(spec.id, id_pattern)) {
      source.fail(entry,
                  "scanner entry: expected an id of lower-case letters, digits, '.', '_' "
                  "or '-', got \"" +
                      spec.id + "\"");
    }
    if (catalog.find(spec.id))
      source.fail(entry, "scanner entry: duplicate id \"" + spec.id + "\"");
    if (spec.name.empty()) spec.name = spec.id;
    validate_scanner(spec, entry, source, "scanner " + spec.id);
    catalog.scanners.push_back(std::move(spec));
  }
  return catalog;
}

const Catalog& builtin_catalog() {
  static const Catalog catalog = [] {
    auto text = embedded_file("builtin.yml");
    if (!text) throw Error("the built-in catalog builtin.yml is missing from this build");
    return parse_catalog(*text, "builtin.yml");
  }();
  return catalog;
}

}  // namespace lamina
