#pragma once
// The catalog as tables: `lamina scanners` (aligned text, with what this machine or image has
// installed) and `lamina scanners --markdown` (README's table, from the catalog alone, so the
// README can be checked against the binary: tests/integration/readme_scanners.sh).
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.h"

namespace lamina {

// What changed files an entry reads, shortest first: its globs and shebang names, the first
// `max_items` of them and "+N more"; "(artifact)" or "(target URL)" for the other scopes.
std::string files_text(const ScannerSpec& spec, size_t max_items);

// "0.9.0" from "version: 0.9.0", "v10.15.0", "Cppcheck 2.10": the first dotted number;
// the line itself when it holds none.
std::string clean_version(std::string_view line);

// One installed-state cell per entry, parallel to catalog.scanners.
std::string scanners_text(const std::vector<const ScannerSpec*>& specs,
                          const std::vector<std::string>& status);

// README's table: scanner (linked to its homepage), kind of check, layers, files, install.
std::string scanners_markdown(const Catalog& catalog);

}  // namespace lamina
