#include "cli/scanner_table.h"

#include <algorithm>
#include <cctype>

namespace lamina {
namespace {

std::string layers_text(const ScannerSpec& spec) {
  std::string text;
  for (Layer layer : spec.layers) text += (text.empty() ? "" : ",") + std::string(to_string(layer));
  return text;
}

// A Markdown table cell as code: no backtick can end the span, no pipe can end the cell.
std::string code_cell(std::string_view text) {
  std::string out = "`";
  for (char c : text) {
    if (c == '`' || c == '\n' || c == '\r') continue;
    out += c == '|' ? std::string("\\|") : std::string(1, c);
  }
  return out + "`";
}

std::string plain_cell(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '\n' || c == '\r') {
      out += ' ';
    } else {
      out += c == '|' ? std::string("\\|") : std::string(1, c);
    }
  }
  return out;
}

}  // namespace

std::string files_text(const ScannerSpec& spec, size_t max_items) {
  if (spec.scope == Scope::artifact) return "(artifact)";
  if (spec.scope == Scope::url) return "(target URL)";
  std::vector<std::string> items = spec.files;
  for (const std::string& name : spec.shebang) items.push_back("#!" + name);
  std::string text;
  for (size_t i = 0; i < items.size() && i < max_items; ++i) text += (i ? " " : "") + items[i];
  if (items.size() > max_items) text += " +" + std::to_string(items.size() - max_items) + " more";
  return text;
}

std::string clean_version(std::string_view line) {
  for (size_t i = 0; i < line.size(); ++i) {
    if (!std::isdigit(static_cast<unsigned char>(line[i]))) continue;
    size_t end = i;
    bool dotted = false;
    while (end < line.size() && (std::isdigit(static_cast<unsigned char>(line[end])) ||
                                 (line[end] == '.' && end + 1 < line.size() &&
                                  std::isdigit(static_cast<unsigned char>(line[end + 1]))))) {
      dotted = dotted || line[end] == '.';
      ++end;
    }
    if (dotted) return std::string(line.substr(i, end - i));
    i = end;
  }
  return std::string(line);
}

std::string scanners_text(const std::vector<const ScannerSpec*>& specs,
                          const std::vector<std::string>& status) {
  std::vector<std::vector<std::string>> rows = {
      {"SCANNER", "CHECK", "LAYERS", "FILES", "FULL IMAGE", "INSTALLED"}};
  for (size_t i = 0; i < specs.size(); ++i) {
    const ScannerSpec& spec = *specs[i];
    std::string state = i < status.size() ? status[i] : "";
    if (spec.required) state += " [required]";
    if (!spec.enabled) state += " [disabled by " + spec.disabled_by + "]";
    rows.push_back({spec.id, spec.check_kind(), layers_text(spec), files_text(spec, 3),
                    spec.in_image ? "yes" : "no", state});
  }
  std::vector<size_t> width(rows.front().size(), 0);
  for (const auto& row : rows) {
    for (size_t c = 0; c < row.size(); ++c) width[c] = std::max(width[c], row[c].size());
  }
  std::string out;
  for (const auto& row : rows) {
    std::string line;
    for (size_t c = 0; c < row.size(); ++c) {
      line += row[c];
      if (c + 1 < row.size()) line += std::string(width[c] - row[c].size() + 2, ' ');
    }
    out += line + "\n";
  }
  return out;
}

std::string scanners_markdown(const Catalog& catalog) {
  std::string out =
      "| scanner | check | layers | reads | in `full` image | install |\n"
      "|---|---|---|---|---|---|\n";
  for (const ScannerSpec& spec : catalog.scanners) {
    bool linked = spec.homepage.rfind("https://", 0) == 0 &&
                  spec.homepage.find_first_of(" ()<>|") == std::string::npos;
    std::string name = plain_cell(spec.name.empty() ? spec.id : spec.name);
    out += "| " + (linked ? "[" + name + "](" + spec.homepage + ")" : name) + " (" +
           code_cell(spec.id) + ")" + (spec.required ? ", required" : "") + " | " +
           spec.check_kind() + " | " + layers_text(spec) + " | " + code_cell(files_text(spec, 8)) +
           " | " + (spec.in_image ? "yes" : "bring your own") + " | " + code_cell(spec.install) +
           " |\n";
  }
  return out;
}

}  // namespace lamina
