#pragma once
// The parser of each format, all with the same signature, dispatched by parse_output().
#include <string_view>

#include "parse/parse.h"

namespace lamina {

ParseOutcome parse_sarif(std::string_view bytes, const ParseContext& ctx);
ParseOutcome parse_gcc(std::string_view bytes, const ParseContext& ctx);
ParseOutcome parse_checkstyle(std::string_view bytes, const ParseContext& ctx);
ParseOutcome parse_shellcheck_json1(std::string_view bytes, const ParseContext& ctx);
ParseOutcome parse_cppcheck_xml(std::string_view bytes, const ParseContext& ctx);
ParseOutcome parse_bandit_json(std::string_view bytes, const ParseContext& ctx);
ParseOutcome parse_yamllint_parsable(std::string_view bytes, const ParseContext& ctx);
ParseOutcome parse_codespell(std::string_view bytes, const ParseContext& ctx);
ParseOutcome parse_clamscan(std::string_view bytes, const ParseContext& ctx);
ParseOutcome parse_wapiti_json(std::string_view bytes, const ParseContext& ctx);
ParseOutcome parse_gitleaks_json(std::string_view bytes, const ParseContext& ctx);
ParseOutcome parse_trivy_json(std::string_view bytes, const ParseContext& ctx);
ParseOutcome parse_zap_json(std::string_view bytes, const ParseContext& ctx);
ParseOutcome parse_nuclei_jsonl(std::string_view bytes, const ParseContext& ctx);
ParseOutcome parse_cyclonedx_json(std::string_view bytes, const ParseContext& ctx);
ParseOutcome parse_npm_audit_json(std::string_view bytes, const ParseContext& ctx);

}  // namespace lamina
