// Selection for 100,000 changed paths against the built-in catalog plus 50 custom scanners,
// side by side with the time to merely read the path list (issue 3: goal under 50 ms).
//   cmake --build build --target selection_bench && build/selection_bench [paths] [runs]
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "config/load_settings.h"
#include "plan/file_selection.h"
#include "plan/make_plan.h"
#include "util/file_io.h"

namespace {

using Clock = std::chrono::steady_clock;

// A monorepo-like spread of paths: many folders, common extensions, some extensionless files.
std::string make_path_list(size_t count) {
  const char* names[] = {"main.c",     "util.h",    "app.py",    "index.js",    "view.tsx",
                         "server.go",  "run.sh",    "README.md", "values.yaml", "package.json",
                         "Dockerfile", "notes.txt", "build",     "data.json",   "lib.rs",
                         "Main.java",  "style.css", "go.sum",    "test_app.py", "schema.sql"};
  std::vector<std::string> paths;
  paths.reserve(count);
  for (size_t i = 0; i < count; ++i) {
    std::string path = "services/svc" + std::to_string(i % 211) + "/src/mod" +
                       std::to_string(i % 37) + "/f" + std::to_string(i) + "_" + names[i % 20];
    if (i % 50 == 0) path = "vendor/lib" + std::to_string(i % 13) + "/" + names[i % 20];
    paths.push_back(path);
  }
  std::sort(paths.begin(), paths.end());
  std::string text;
  for (const std::string& p : paths) text += p + "\n";
  return text;
}

std::string custom_scanners_yaml(int count) {
  std::string yaml = "scanners:\n";
  for (int i = 0; i < count; ++i) {
    std::string n = std::to_string(i);
    yaml += "  custom-" + n + ":\n    layer: inline\n    files: [\"*.ext" + n +
            "\", \"services/svc" + n + "/**\", \"**/gen" + n + "_*.py\", \"!**/test_*\"]\n" +
            "    command: [custom-tool-" + n + ", --, \"{files}\"]\n    output: {format: sarif}\n";
  }
  return yaml;
}

lamina::ChangeSet read_path_list(const std::string& file) {
  lamina::ChangeSet changes;
  std::string text = lamina::read_file(file).value_or("");
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    lamina::FileChange& change = changes.files.emplace_back();
    change.path = text.substr(start, end - start);
    start = end + 1;
  }
  return changes;
}

double median_ms(std::vector<double> samples) {
  std::sort(samples.begin(), samples.end());
  return samples[samples.size() / 2];
}

double cpu_ms() {
  timespec ts{};
  ::clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

// Wall and CPU time of one call: on a shared machine the CPU time shows the cost without the
// waiting for a core.
struct Sample {
  double wall = 0, cpu = 0;
};

template <typename F>
Sample time_ms(F&& f) {
  double cpu_start = cpu_ms();
  auto start = Clock::now();
  f();
  return {std::chrono::duration<double, std::milli>(Clock::now() - start).count(),
          cpu_ms() - cpu_start};
}

void print_row(const char* what, const std::vector<Sample>& samples, const char* note) {
  std::vector<double> wall, cpu;
  for (const Sample& s : samples) {
    wall.push_back(s.wall);
    cpu.push_back(s.cpu);
  }
  std::printf("  %-24s %8.1f ms wall %8.1f ms cpu%s\n", what, median_ms(wall), median_ms(cpu),
              note);
}

}  // namespace

int main(int argc, char** argv) {
  size_t count = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 100000;
  int runs = argc > 2 ? std::atoi(argv[2]) : 7;
  char dir_template[] = "/tmp/lamina-bench-XXXXXX";
  std::string repo = ::mkdtemp(dir_template);
  std::string list = repo + "/paths.txt";
  std::ofstream(list) << make_path_list(count);

  lamina::Settings settings = lamina::load_settings(
      lamina::ConfigSource{".lamina.yml", custom_scanners_yaml(50)}, lamina::Options{}, {});
  lamina::Catalog catalog = lamina::effective_catalog(lamina::builtin_catalog(), settings);
  lamina::PlanInputs inputs;
  inputs.path = std::getenv("PATH") ? std::getenv("PATH") : "/usr/bin:/bin";

  std::vector<const lamina::ScannerSpec*> inline_scanners;
  for (const lamina::ScannerSpec& spec : catalog.scanners) {
    if (spec.in_layer(lamina::Layer::inline_layer)) inline_scanners.push_back(&spec);
  }
  std::vector<Sample> read_times, match_times, plan_times;
  size_t selected = 0, invocations = 0, excluded = 0;
  for (int run = 0; run < runs; ++run) {
    lamina::ChangeSet changes;
    read_times.push_back(time_ms([&] { changes = read_path_list(list); }));
    match_times.push_back(
        time_ms([&] { lamina::select_files(inline_scanners, settings, changes, repo); }));
    lamina::Plan plan;
    plan_times.push_back(time_ms([&] {
      plan =
          lamina::make_plan(catalog, settings, changes, lamina::Layer::inline_layer, repo, inputs);
    }));
    selected = invocations = 0;
    excluded = plan.exclusions.size();
    for (const lamina::ScannerDecision& d : plan.scanners) {
      selected += d.files.size();
      invocations += d.invocations.size();
    }
  }
  std::remove(list.c_str());
  ::rmdir(repo.c_str());
  std::printf(
      "selection_bench: %zu changed paths, %zu scanners in the catalog (%zu built-in + 50 "
      "custom), median of %d runs\n",
      count, catalog.scanners.size(), lamina::builtin_catalog().scanners.size(), runs);
  print_row("read the path list", read_times, "");
  print_row("match files (globset)", match_times, "");
  print_row("make_plan (whole plan)", plan_times, "   goal < 50 ms");
  std::printf("  -> %zu (file, scanner) matches, %zu invocations, %zu paths excluded\n", selected,
              invocations, excluded);
  return 0;
}
