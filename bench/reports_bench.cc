// Writing every report for 100,000 findings (lamina's write_reports: SARIF, GitLab Code Quality
// and security reports, GitHub annotations, job summary and outputs) next to merely serialising a
// SARIF document of the same results with nlohmann::json. Usage: reports_bench [findings] [runs]
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "report/report_writer.h"

namespace {

using Clock = std::chrono::steady_clock;

lamina::ScanResult make_scan(size_t count) {
  lamina::ScanResult scan;
  scan.fail_on.threshold = lamina::Severity::sev1;
  const char* tools[] = {"shellcheck", "bandit", "semgrep", "secretlint", "cppcheck"};
  for (const char* tool : tools) {
    lamina::ScannerOutcome s;
    s.scanner_id = tool;
    s.state = lamina::ScannerState::findings;
    s.report_kind = std::string(tool) == "secretlint" ? "secret_detection" : "sast";
    scan.scanners.push_back(s);
  }
  for (size_t i = 0; i < count; ++i) {
    lamina::Finding f;
    f.tool = tools[i % 5];
    f.rule_id = "R" + std::to_string(i % 300);
    f.message =
        "Finding number " + std::to_string(i) + ": user input reaches a sink without checks";
    f.severity = static_cast<lamina::Severity>(1 + i % 3);
    f.location.path =
        "src/module" + std::to_string(i % 2000) + "/file" + std::to_string(i % 97) + ".py";
    f.location.region = {static_cast<uint32_t>(1 + i % 900), 5, static_cast<uint32_t>(1 + i % 900),
                         20};
    f.fingerprints["lamina/v1"] = std::to_string(i) + ":0";
    f.diff_position =
        i % 2 ? lamina::DiffPosition::added_lines : lamina::DiffPosition::outside_diff;
    scan.findings.push_back(std::move(f));
  }
  scan.gate = lamina::decide_gate(scan.findings, scan.filter, scan.fail_on, 0);
  return scan;
}

// The reference: one SARIF document of the same results built and dumped with nlohmann::json.
size_t nlohmann_sarif(const lamina::ScanResult& scan) {
  nlohmann::json results = nlohmann::json::array();
  for (const lamina::Finding& f : scan.findings) {
    results.push_back(
        {{"ruleId", f.rule_id},
         {"level", "warning"},
         {"message", {{"text", f.message}}},
         {"locations",
          {{{"physicalLocation",
             {{"artifactLocation", {{"uri", f.location.path}, {"uriBaseId", "%SRCROOT%"}}},
              {"region",
               {{"startLine", f.location.region.start_line},
                {"startColumn", f.location.region.start_column},
                {"endColumn", f.location.region.end_column}}}}}}}},
         {"partialFingerprints", f.fingerprints}});
  }
  nlohmann::json log = {
      {"version", "2.1.0"},
      {"runs", {{{"tool", {{"driver", {{"name", "x"}}}}}, {"results", results}}}}};
  return log.dump().size();
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  size_t count = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 100000;
  int runs = argc > 2 ? std::atoi(argv[2]) : 5;
  lamina::ScanResult scan = make_scan(count);
  std::string dir = std::filesystem::temp_directory_path() / "lamina-reports-bench";
  std::filesystem::create_directories(dir + "/out");
  lamina::Folder out = lamina::Folder::open(dir + "/out");
  lamina::EnvMap env{{"GITHUB_STEP_SUMMARY", dir + "/summary.md"},
                     {"GITHUB_OUTPUT", dir + "/output"}};
  std::vector<double> ours, reference;
  size_t sarif_bytes = 0;
  for (int i = 0; i < runs; ++i) {
    auto t0 = Clock::now();
    lamina::WrittenReports w = lamina::write_reports(
        scan, lamina::report_targets_from(env, dir + "/out", "/repo", true), out);
    auto t1 = Clock::now();
    sarif_bytes = std::filesystem::file_size(w.files.front());
    size_t ref_bytes = nlohmann_sarif(scan);
    auto t2 = Clock::now();
    ours.push_back(std::chrono::duration<double>(t1 - t0).count());
    reference.push_back(std::chrono::duration<double>(t2 - t1).count());
    if (ref_bytes == 0) return 1;
  }
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  std::printf("%zu findings, %d runs (median seconds)\n", count, runs);
  std::printf("%-52s %8.3f  (SARIF %.1f MB)\n",
              "lamina write_reports (all reports + GitHub channels)", median(ours),
              sarif_bytes / 1e6);
  std::printf("%-52s %8.3f\n", "nlohmann::json build + dump of one SARIF", median(reference));
  std::printf("ratio %.2fx; peak RSS %.0f MiB\n", median(ours) / median(reference),
              usage.ru_maxrss / 1024.0);
  std::filesystem::remove_all(dir);
  return 0;
}
