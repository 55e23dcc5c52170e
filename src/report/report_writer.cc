#include "report/report_writer.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <functional>
#include <optional>

#include "report/github_annotations.h"
#include "report/github_outputs.h"
#include "report/gitlab_reports.h"
#include "report/kept_outputs.h"
#include "report/sarif_writer.h"
#include "report/step_summary.h"
#include "util/error.h"
#include "util/file_io.h"

namespace lamina {
namespace {

std::string prefix_inside(const std::string& workspace, const std::string& repo_root) {
  if (workspace.empty() || repo_root.empty()) return "";
  std::error_code ec;
  auto ws = std::filesystem::weakly_canonical(workspace, ec);
  auto root = std::filesystem::weakly_canonical(repo_root, ec);
  auto rel = root.lexically_relative(ws);
  if (rel.empty() || rel == "." || rel.string().rfind("..", 0) == 0) return "";
  return rel.generic_string() + "/";
}

}  // namespace

ReportTargets report_targets_from(const EnvMap& env, const std::string& out_dir,
                                  const std::string& repo_root, bool github) {
  ReportTargets t;
  t.out_dir = out_dir;
  t.repo_root = repo_root;
  t.github = github;
  if (github) {
    t.step_summary_path = env_or_empty(env, "GITHUB_STEP_SUMMARY");
    t.output_path = env_or_empty(env, "GITHUB_OUTPUT");
    t.path_prefix = prefix_inside(env_or_empty(env, "GITHUB_WORKSPACE"), repo_root);
    std::string inside = prefix_inside(env_or_empty(env, "GITHUB_WORKSPACE"), out_dir);
    if (!inside.empty()) t.out_dir_for_steps = inside.substr(0, inside.size() - 1);
  }
  return t;
}

namespace {

// Runs one report's writer; a failure is recorded and the other reports still get written.
template <typename Write>
void attempt(WrittenReports& written, Write&& write) {
  try {
    write();
  } catch (const Error& e) {
    written.errors.push_back(e.what());
  }
}

void write_files(const ScanResult& scan, const ReportTargets& t, const Folder& out,
                 WrittenReports& written) {
  auto put = [&](const std::string& name, const std::function<std::string()>& text) {
    std::string path = t.out_dir + "/" + name;
    size_t errors = written.errors.size();
    attempt(written, [&] {
      out.write_atomically(name, text());
      written.files.push_back(path);
    });
    // A report that could not be written leaves no file behind, not even an older run's:
    // whoever uploads the folder must not take a stale report for this run's.
    if (written.errors.size() > errors && out.remove(name)) {
      written.errors.back() += "; removed the " + path + " of an earlier run";
    }
  };
  put(kSarifFile, [&] {
    SarifReport sarif = write_sarif(scan, t.repo_root);
    written.notes.insert(written.notes.end(), sarif.notes.begin(), sarif.notes.end());
    return sarif.text;
  });
  if (scan.incomplete) {
    // A Code Quality report is a bare list of issues: it cannot say the scan was cut short,
    // so an interrupted run writes none (the SARIF and security reports say "incomplete").
    out.remove(kCodeQualityFile);
  } else {
    put(kCodeQualityFile, [&] {
      GitlabReport report = gitlab_code_quality(scan);
      if (report.skipped > 0) {
        written.notes.push_back(gitlab_code_quality_note(report));
      }
      return report.text;
    });
  }
  for (const char* kind : kGitlabSecurityKinds) {
    std::string file = gitlab_report_file(kind);
    put(file, [&, kind, file] {
      GitlabReport report = gitlab_security_report(scan, kind, scan.changes.head);
      if (report.skipped > 0) {
        written.notes.push_back(std::to_string(report.skipped) + " of " +
                                std::to_string(report.skipped + report.written) +
                                " findings left out of " + file + " (" + gitlab_skip_reason(kind) +
                                ")");
      }
      return report.text;
    });
  }
  for (KeptOutput& kept : kept_outputs(scan)) {
    if (kept.stale) {
      out.remove(kept.file_name);
    } else {
      put(kept.file_name, [&] { return std::move(kept.bytes); });
    }
  }
}

void write_github_channels(const ScanResult& scan, const ReportTargets& t,
                           WrittenReports& written) {
  SummaryOptions options;
  options.sarif_path =
      (t.out_dir_for_steps.empty() ? t.out_dir : t.out_dir_for_steps) + "/" + kSarifFile;
  std::optional<size_t> summary_lists;
  if (!t.step_summary_path.empty()) {
    size_t listed = 0;
    std::string markdown = step_summary_markdown(scan, options, &listed);
    attempt(written, [&] {
      append_to_file(t.step_summary_path, markdown, "$GITHUB_STEP_SUMMARY");
      summary_lists = listed;
    });
  }
  Annotations a = github_annotations(scan, t.path_prefix, summary_lists);
  written.annotations = a.commands;
  if (a.left_out > 0) {
    written.notes.push_back(std::to_string(a.left_out) + " of " +
                            std::to_string(scan.findings.size()) +
                            " findings not annotated (GitHub's per-step limit); see " +
                            (summary_lists ? "the job summary and " : "") + options.sarif_path);
  }
  if (!t.output_path.empty()) {
    attempt(written, [&] {
      append_to_file(
          t.output_path,
          github_output_text(github_output_values(scan, options.sarif_path), random_delimiter()),
          "$GITHUB_OUTPUT");
    });
  }
}

}  // namespace

WrittenReports write_reports(const ScanResult& scan, const ReportTargets& t, const Folder& out) {
  WrittenReports written;
  write_files(scan, t, out, written);
  if (t.github) write_github_channels(scan, t, written);
  return written;
}

namespace {

bool is_fixed_report_file(const std::string& name) {
  if (name == kSarifFile || name == kCodeQualityFile || name == kPublishFile ||
      name == kTicketPlanFile || name == kShardFile)
    return true;
  for (const char* kind : kGitlabSecurityKinds) {
    if (name == gitlab_report_file(kind)) return true;
  }
  return false;
}

}  // namespace

bool is_own_report_file(const std::string& name, const std::vector<std::string>& keep_names) {
  if (is_fixed_report_file(name)) return true;
  for (const std::string& keep : keep_names) {
    if (name == keep) return true;
    // "sbom-<n>.cdx.json": the kept output of a later run (kept_file_name()).
    std::string stem = keep.substr(0, keep.find('.')) + "-";
    std::string rest = keep.substr(stem.size() - 1);
    if (name.size() <= stem.size() + rest.size() || !name.starts_with(stem) ||
        !name.ends_with(rest)) {
      continue;
    }
    std::string_view number(name.data() + stem.size(), name.size() - stem.size() - rest.size());
    if (std::all_of(number.begin(), number.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      return true;
    }
  }
  return false;
}

size_t remove_stale_reports(const Folder& out, const std::vector<std::string>& keep_names) {
  return remove_stale_reports(out, [&] { return keep_names; });
}

size_t remove_stale_reports(const Folder& out,
                            const std::function<std::vector<std::string>()>& keep_names) {
  size_t removed = 0;
  std::optional<std::vector<std::string>> keep;
  for (const std::string& name : out.names()) {
    bool own = is_fixed_report_file(name);
    if (!own) {
      if (!keep) keep = keep_names();
      own = is_own_report_file(name, *keep);
    }
    if (own && out.remove(name)) ++removed;
  }
  return removed;
}

}  // namespace lamina
