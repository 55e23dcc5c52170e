#pragma once
// One scanner as the catalog describes it (catalog/builtin.yml, or a custom entry in .lamina.yml).
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/finding.h"
#include "model/layer.h"
#include "model/output_source.h"

namespace lamina {

// How a scanner is started: per batch of changed files, once per project root, once for the
// repository, once per artifact (pre-deploy) or once against the target URL (post-deploy).
enum class Scope { files, project, repo, artifact, url };

const char* to_string(Scope scope);
std::optional<Scope> parse_scope(std::string_view text);

// The kinds of check a scanner makes, as the catalog's `check:` and `require_coverage` name them:
// secrets, dependencies, sast, iac, lint, container, sbom, malware, dast.
const std::vector<std::string>& known_check_kinds();
// What a kind is called in sentences: "static analysis", "dependency check", ...
std::string check_kind_title(std::string_view kind);

struct ScannerSpec {
  std::string id;
  std::string name;
  std::string description;
  std::string homepage;
  std::vector<Layer> layers;
  std::vector<std::string> files;    // gitignore-style globs; "!" negates; the last match decides
  std::vector<std::string> shebang;  // interpreter names for extensionless scripts
  std::vector<std::string> exclude;  // gitignore-style globs
  // Globs of paths the tool loads code from in the scanned folder (eslint: node_modules): when
  // the change adds or modifies one, running the tool would run the change's code, so it is not
  // run and is reported failed.
  std::vector<std::string> unsafe_when_changed;
  Scope scope = Scope::files;
  std::vector<std::string> root_markers;  // for Scope::project
  std::vector<std::string> command;       // argv template with {files} {repo} {root} ... tokens
  std::vector<std::string> args;          // extra arguments placed right after the program name
  OutputSource output_from = OutputSource::stdout_stream;
  std::string format;  // one of known_output_formats()
  // output.keep: the file name (in the report directory) the tool's output is also saved under,
  // e.g. an SBOM; "" = not kept. Several runs: "name-2.ext", "name-3.ext"... for the later ones.
  std::string keep_output;
  std::vector<int> ok_exit_codes{0};                 // ran fine, with or without findings
  std::map<std::string, Severity> severity;          // tool level or rule id -> severity
  std::optional<std::chrono::milliseconds> timeout;  // unset: the configured default
  bool timeout_from_config = false;  // set by .lamina.yml for this scanner: beats --timeout
  std::chrono::milliseconds expected_duration{std::chrono::seconds(1)};
  std::vector<std::string> env;  // variable names passed through to the tool
  std::vector<std::string>
      required_tools;   // "requires:" executables; empty means the program in `command`
  std::string install;  // one-line install hint
  // Shipped in lamina's `full` container image; false: bring your own (`install` says how).
  bool in_image = false;
  bool required = false;
  bool accepts_binary = false;
  std::string report_kind;  // GitLab security report: sast | secret_detection |
                            // dependency_scanning | container_scanning; "" = Code Quality only
  std::string check;        // `check:`, one of known_check_kinds(); "" = from report_kind
  bool enabled = true;
  std::string disabled_by;  // e.g. ".lamina.yml line 7" when a config turned it off
  std::string defined_at;   // "file:line:column" of the entry, for messages

  bool in_layer(Layer layer) const;
  // The kind of check it makes: `check:` when given, else its report's (sast, secret_detection
  // -> secrets, dependency_scanning -> dependencies, container_scanning -> container), else lint.
  std::string check_kind() const;
  // The executables that must be on PATH for the scanner to run.
  std::vector<std::string> required_executables() const;
};

}  // namespace lamina
