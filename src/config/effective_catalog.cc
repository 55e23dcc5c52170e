#include <regex>

#include "catalog/near_miss.h"
#include "catalog/spec_reader.h"
#include "config/load_settings.h"

namespace lamina {

Catalog effective_catalog(const Catalog& builtin, const Settings& settings) {
  static const std::regex id_pattern("[a-z0-9][a-z0-9._-]*");
  Catalog catalog = builtin;
  for (const ScannerConfig& config : settings.scanners) {
    const YamlSource& source = config.source;
    std::string context = "scanners." + config.id;
    if (ScannerSpec* spec = catalog.find(config.id); spec && builtin.find(config.id)) {
      read_scanner_fields(*spec, config.body, source, context, EntryKind::override_entry);
      validate_scanner(*spec, config.body, source, context);
      continue;
    }
    if (!config.body.IsMap() || !config.body["command"]) {
      std::string near = closest_match(config.id, builtin.ids());
      source.fail(config.key, context + ": not a built-in scanner" +
                                  (near.empty() ? "" : " (did you mean '" + near + "'?)") +
                                  "; a custom scanner needs at least layer, files, command and "
                                  "output.format");
    }
    if (!std::regex_match(config.id, id_pattern) || catalog.find(config.id)) {
      source.fail(config.key, context +
                                  ": expected a new id of lower-case letters, digits, '.', "
                                  "'_' or '-'");
    }
    ScannerSpec spec;
    spec.id = config.id;
    spec.defined_at = source.position(config.key);
    read_scanner_fields(spec, config.body, source, context, EntryKind::custom_scanner);
    if (spec.name.empty()) spec.name = spec.id;
    validate_scanner(spec, config.body, source, context);
    catalog.scanners.push_back(std::move(spec));
  }
  return catalog;
}

}  // namespace lamina
