// Generates a large SARIF log and times lamina's streaming SARIF reader on it, side by side with
// `jq length` and Python's json.load on the same file. Each reader runs in its own child process
// so its peak RSS (wait4) is its own.
//
//   cmake --build build --target sarif_bench && build/sarif_bench [MiB=100] [keep-path]
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include "parse/parse.h"
#include "parse/sarif.h"
#include "util/file_io.h"

namespace {

using Clock = std::chrono::steady_clock;

// One result in the shape real analyzers write (rule, message, location, region, fingerprints).
std::string result_json(size_t i) {
  std::string n = std::to_string(i);
  return R"({"ruleId":"R)" + std::to_string(i % 20) + R"(","ruleIndex":)" + std::to_string(i % 20) +
         R"(,"level":"warning","message":{"text":"Tainted value from parameter 'p)" + n +
         R"(' reaches a sink without sanitisation; validate or escape it before use."},)"
         R"("locations":[{"physicalLocation":{"artifactLocation":{"uri":"src/module)" +
         std::to_string(i % 500) + R"(/file)" + std::to_string(i % 37) +
         R"(.c","uriBaseId":"%SRCROOT%"},"region":{"startLine":)" + std::to_string(i % 4000 + 1) +
         R"(,"startColumn":5,"endLine":)" + std::to_string(i % 4000 + 2) +
         R"(,"endColumn":17,"snippet":{"text":"  strcpy(buffer, input);"}}}}],)"
         R"("partialFingerprints":{"primaryLocationLineHash":")" +
         n + R"(a9f3e1c2b4d5:1"},"properties":{"tags":["security","external/cwe/cwe-120"]}})";
}

// Writes a one-run log of about `bytes` bytes; returns the number of results.
size_t generate(const std::string& path, size_t bytes) {
  std::ofstream out(path, std::ios::binary);
  out << R"({"version":"2.1.0","$schema":"https://json.schemastore.org/sarif-2.1.0.json",)"
      << R"("runs":[{"tool":{"driver":{"name":"bench","rules":[)";
  for (int r = 0; r < 20; ++r) {
    out << (r ? "," : "") << R"({"id":"R)" << r << R"(","name":"rule)" << r
        << R"(","helpUri":"https://example.com/R)" << r
        << R"(","properties":{"security-severity":")" << (r % 10) << R"(.5"}})";
  }
  out << R"(]}},"originalUriBaseIds":{"%SRCROOT%":{"uri":"file:///repo/"}},"results":[)";
  size_t written = 0, count = 0;
  while (written < bytes) {
    std::string r = (count ? "," : "") + result_json(count);
    out << r;
    written += r.size();
    ++count;
  }
  out << "]}]}\n";
  return count;
}

struct Measurement {
  double seconds = 0;
  double cpu_seconds = 0;  // user + system: less sensitive than wall time to a loaded machine
  long peak_rss_kib = 0;
  int status = 0;
};

// Runs `work` in a child process; its exit status, wall time and peak RSS.
Measurement measure(const std::function<int()>& work) {
  std::fflush(stdout);
  auto start = Clock::now();
  pid_t pid = fork();
  if (pid == 0) _exit(work());
  int status = 0;
  struct rusage usage {};
  wait4(pid, &status, 0, &usage);
  Measurement m;
  m.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  m.peak_rss_kib = usage.ru_maxrss;
  m.cpu_seconds = usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
                  (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
  m.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return m;
}

int exec_quiet(std::vector<std::string> argv) {
  std::vector<char*> args;
  for (std::string& a : argv) args.push_back(a.data());
  args.push_back(nullptr);
  if (!freopen("/dev/null", "w", stdout)) return 126;
  execvp(args[0], args.data());
  return 127;
}

void print(const char* name, const Measurement& m, double mib) {
  std::printf("%-44s %7.2f s %7.1f MiB/s %7.2f cpu-s %7.1f MiB/cpu-s %8.1f MiB peak RSS%s\n", name,
              m.seconds, mib / m.seconds, m.cpu_seconds, mib / m.cpu_seconds,
              m.peak_rss_kib / 1024.0,
              m.status == 0 ? "" : ("  (exit " + std::to_string(m.status) + ")").c_str());
}

}  // namespace

int main(int argc, char** argv) {
  size_t mib_target = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 100;
  std::string path = argc > 2 ? argv[2] : "/tmp/lamina-sarif-bench.sarif";
  size_t results = generate(path, mib_target << 20);
  double mib = static_cast<double>(std::filesystem::file_size(path)) / 1048576;
  double load[3] = {0, 0, 0};
  getloadavg(load, 3);
  std::printf("%s: %.1f MiB, %zu results; load average %.2f\n\n", path.c_str(), mib, results,
              load[0]);

  lamina::ParseContext ctx;
  ctx.scanner_id = "bench";
  ctx.repository_root = ctx.working_directory = "/repo";
  // Streaming read, filter (one module) and re-emit each kept finding's record.
  Measurement stream = measure([&] {
    std::FILE* out = std::fopen("/dev/null", "w");
    size_t seen = 0;
    lamina::ParseOutcome o = lamina::stream_sarif_file(path, ctx, [&](lamina::Finding&& f) {
      ++seen;
      if (f.location.path.compare(0, 11, "src/module7") == 0) {
        std::fwrite(f.original.data(), 1, f.original.size(), out);
      }
    });
    std::fclose(out);
    return o.error || seen != results ? 1 : 0;
  });
  print("lamina stream_sarif_file (filter + re-emit)", stream, mib);
  Measurement whole = measure([&] {
    std::optional<std::string> bytes = lamina::read_file(path);
    lamina::ParseOutcome o = lamina::parse_output("sarif", *bytes, ctx);
    return o.error || o.findings.size() != results ? 1 : 0;
  });
  print("lamina parse_output (all findings in memory)", whole, mib);
  print("jq length", measure([&] { return exec_quiet({"jq", "length", path}); }), mib);
  print(
      "python3 json.load", measure([&] {
        return exec_quiet({"python3", "-c", "import json,sys; json.load(open(sys.argv[1]))", path});
      }),
      mib);
  if (argc <= 2) std::remove(path.c_str());
  return stream.status;
}
