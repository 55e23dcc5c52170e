#include "parse/parse.h"

#include <array>
#include <exception>
#include <string>

#include "parse/parsers.h"

namespace lamina {
namespace {

using Parser = ParseOutcome (*)(std::string_view, const ParseContext&);

struct FormatEntry {
  std::string_view name;
  Parser parse;
};

constexpr std::array kFormats{
    FormatEntry{"sarif", parse_sarif},
    FormatEntry{"gcc", parse_gcc},
    FormatEntry{"checkstyle", parse_checkstyle},
    FormatEntry{"shellcheck-json1", parse_shellcheck_json1},
    FormatEntry{"cppcheck-xml", parse_cppcheck_xml},
    FormatEntry{"bandit-json", parse_bandit_json},
    FormatEntry{"yamllint-parsable", parse_yamllint_parsable},
    FormatEntry{"codespell", parse_codespell},
    FormatEntry{"clamscan", parse_clamscan},
    FormatEntry{"wapiti-json", parse_wapiti_json},
    FormatEntry{"gitleaks-json", parse_gitleaks_json},
    FormatEntry{"trivy-json", parse_trivy_json},
    FormatEntry{"zap-json", parse_zap_json},
    FormatEntry{"nuclei-jsonl", parse_nuclei_jsonl},
    FormatEntry{"cyclonedx-json", parse_cyclonedx_json},
    FormatEntry{"npm-audit-json", parse_npm_audit_json},
};

// "shellcheck_json1" (the parser function's spelling) is accepted for "shellcheck-json1".
const FormatEntry* find_format(std::string_view name) {
  std::string canonical(name);
  for (char& c : canonical) c = c == '_' ? '-' : c;
  for (const FormatEntry& entry : kFormats) {
    if (entry.name == canonical) return &entry;
  }
  return nullptr;
}

}  // namespace

ParseOutcome parse_output(std::string_view format, std::string_view bytes,
                          const ParseContext& ctx) {
  if (const FormatEntry* entry = find_format(format)) {
    // Parsers report bad input in the outcome; an exception left over (e.g. bad_alloc on a
    // huge value) is still a failed scanner, not a crash of lamina.
    try {
      return entry->parse(bytes, ctx);
    } catch (const std::exception& e) {
      ParseOutcome failed;
      failed.error = std::string(entry->name) + ": " + e.what();
      return failed;
    }
  }
  ParseOutcome outcome;
  std::string known;
  for (const FormatEntry& entry : kFormats) {
    known += known.empty() ? "" : ", ";
    known += entry.name;
  }
  outcome.error = "unknown output format \"" + std::string(format) + "\"; known formats: " + known;
  return outcome;
}

std::vector<std::string> known_formats() {
  std::vector<std::string> names;
  for (const FormatEntry& entry : kFormats) names.emplace_back(entry.name);
  return names;
}

bool is_known_format(std::string_view format) {
  return find_format(format) != nullptr;
}

}  // namespace lamina
