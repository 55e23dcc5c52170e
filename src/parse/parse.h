#pragma once
// One entry point for every scanner output format: bytes in, findings or a precise error out.
#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/finding.h"
#include "model/workspace_mapping.h"

namespace lamina {

struct ParseContext {
  std::string scanner_id;         // copied to Finding::tool
  std::string repository_root;    // absolute
  std::string working_directory;  // absolute; relative tool paths resolve against it
  // SARIF uriBaseId -> absolute path or file:// URI, used when the log does not define the id in
  // run.originalUriBaseIds (e.g. "%SRCROOT%" -> the repository root).
  std::map<std::string, std::string> uri_base_ids;
  // Where else the tool may have seen the repository (a container's /src, another job's
  // workspace) and which files it was given: paths outside the root are mapped back with them.
  WorkspaceHints workspace;
  // What the tool printed on stdout when its report went to a file ({out}): the status lines a
  // report lacks, e.g. wapiti's "found 0 URLs" for a target it never reached. Empty otherwise.
  std::string_view console;
};

// Findings kept per scanner run, and per scanner. A change decides how many findings a scanner
// reports (4 MB of typos is most of a million codespell findings): past this, findings are only
// counted, so neither memory nor the log grows with them, and the scanner is failed saying so.
inline constexpr size_t kMaxFindingsPerScanner = 20000;

// What a parser collects: the first kMaxFindingsPerScanner findings; later ones only counted.
class FindingList {
 public:
  using value_type = Finding;
  using iterator = std::vector<Finding>::iterator;
  using const_iterator = std::vector<Finding>::const_iterator;

  void push_back(Finding&& finding) {
    if (items_.size() < kMaxFindingsPerScanner) {
      items_.push_back(std::move(finding));
    } else {
      ++over_limit_;
    }
  }
  // Past the limit a parser only counts: it need not build the finding it would drop.
  bool full() const { return items_.size() >= kMaxFindingsPerScanner; }
  void count_over_limit() { ++over_limit_; }
  size_t size() const { return items_.size(); }
  bool empty() const { return items_.empty(); }
  Finding& operator[](size_t i) { return items_[i]; }
  const Finding& operator[](size_t i) const { return items_[i]; }
  iterator begin() { return items_.begin(); }
  iterator end() { return items_.end(); }
  const_iterator begin() const { return items_.begin(); }
  const_iterator end() const { return items_.end(); }
  size_t over_limit() const { return over_limit_; }  // reported past the limit, not kept

 private:
  std::vector<Finding> items_;
  size_t over_limit_ = 0;
};

struct ParseOutcome {
  FindingList findings;
  // Set when the output cannot be read (truncated, not the format, too deeply nested): the scanner
  // failed. Findings read before the error are kept.
  std::optional<std::string> error;
  // Set when the output is readable but says the tool did not do its job (wapiti reached no
  // page of the target): a scanner failure too, with this as the reason.
  std::optional<std::string> tool_failure;
  std::vector<std::string> notes;  // repairs and skips that concern the whole output
  // Locations that could not be mapped into the repository: their findings are kept at
  // repository level (Finding::unmapped_location), a related location is left out with a note.
  size_t refused_paths = 0;
};

// Receives each finding as soon as it is complete (streaming parsers).
using FindingSink = std::function<void(Finding&&)>;

// Parses `bytes` in `format` (one of known_formats()); an unknown format is an error outcome.
ParseOutcome parse_output(std::string_view format, std::string_view bytes, const ParseContext& ctx);

// "sarif", "gcc", "checkstyle", ... in table order.
std::vector<std::string> known_formats();
bool is_known_format(std::string_view format);

}  // namespace lamina
