#include "exec/timings.h"

#include <algorithm>
#include <cctype>
#include <ctime>
#include <nlohmann/json.hpp>

#include "util/error.h"
#include "util/file_io.h"

namespace lamina {
namespace {

using nlohmann::json;

// "lamina/<layer>/<scanner>/" -> "<scanner>", "" for ids lamina did not write.
std::string scanner_of_automation_id(const std::string& id) {
  if (id.rfind("lamina/", 0) != 0 || id.size() < 2 || id.back() != '/') return "";
  size_t layer_end = id.find('/', 7);
  if (layer_end == std::string::npos || layer_end + 1 >= id.size() - 1) return "";
  std::string scanner = id.substr(layer_end + 1, id.size() - layer_end - 2);
  return scanner.find('/') == std::string::npos ? scanner : "";
}

std::string string_at(const json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

void add_run_timings(const json& run, ScannerTimings& timings) {
  if (!run.is_object() || !run.contains("automationDetails")) return;
  std::string scanner = scanner_of_automation_id(string_at(run["automationDetails"], "id"));
  auto invocations = run.find("invocations");
  if (scanner.empty() || invocations == run.end() || !invocations->is_array()) return;
  for (const json& invocation : *invocations) {
    if (!invocation.is_object()) continue;
    auto start = parse_utc_timestamp(string_at(invocation, "startTimeUtc"));
    auto end = parse_utc_timestamp(string_at(invocation, "endTimeUtc"));
    if (!start || !end || *end < *start) continue;
    auto took = std::chrono::duration_cast<std::chrono::milliseconds>(*end - *start);
    auto [it, added] = timings.emplace(scanner, took);
    if (!added) it->second = std::max(it->second, took);
  }
}

bool all_digits(const std::string& text, size_t from, size_t count) {
  if (from + count > text.size()) return false;
  return std::all_of(text.begin() + from, text.begin() + from + count,
                     [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

}  // namespace

std::optional<std::chrono::system_clock::time_point> parse_utc_timestamp(const std::string& text) {
  // YYYY-MM-DDTHH:MM:SS[.fff...]Z
  if (text.size() < 20 || text.back() != 'Z' || !all_digits(text, 0, 4) || text[4] != '-' ||
      !all_digits(text, 5, 2) || text[7] != '-' || !all_digits(text, 8, 2) || text[10] != 'T' ||
      !all_digits(text, 11, 2) || text[13] != ':' || !all_digits(text, 14, 2) || text[16] != ':' ||
      !all_digits(text, 17, 2)) {
    return std::nullopt;
  }
  std::string fraction = text.substr(19, text.size() - 20);
  if (!fraction.empty() && (fraction[0] != '.' || !all_digits(fraction, 1, fraction.size() - 1) ||
                            fraction.size() == 1)) {
    return std::nullopt;
  }
  std::tm tm{};
  tm.tm_year = std::stoi(text.substr(0, 4)) - 1900;
  tm.tm_mon = std::stoi(text.substr(5, 2)) - 1;
  tm.tm_mday = std::stoi(text.substr(8, 2));
  tm.tm_hour = std::stoi(text.substr(11, 2));
  tm.tm_min = std::stoi(text.substr(14, 2));
  tm.tm_sec = std::stoi(text.substr(17, 2));
  if (tm.tm_mon > 11 || tm.tm_mday < 1 || tm.tm_mday > 31 || tm.tm_hour > 23 || tm.tm_min > 59 ||
      tm.tm_sec > 60) {
    return std::nullopt;
  }
  long long millis = 0;
  if (!fraction.empty()) millis = std::stoll((fraction.substr(1) + "00").substr(0, 3));
  auto seconds = std::chrono::seconds(::timegm(&tm));
  return std::chrono::system_clock::time_point(seconds) + std::chrono::milliseconds(millis);
}

ScannerTimings timings_from_sarif(const std::string& sarif_text, const std::string& origin) {
  json log = json::parse(sarif_text, nullptr, false);
  if (log.is_discarded() || !log.is_object() || !log.contains("runs") || !log["runs"].is_array()) {
    throw Error(origin + ": not a SARIF log (expected a JSON object with a \"runs\" array); " +
                "pass the lamina.sarif written by a previous lamina run");
  }
  ScannerTimings timings;
  for (const json& run : log["runs"]) add_run_timings(run, timings);
  return timings;
}

ScannerTimings read_timings_file(const std::string& path) {
  std::string error;
  std::optional<std::string> text = read_file(path, &error);
  if (!text) throw Error("--timings " + path + ": cannot read it (" + error + ")");
  return timings_from_sarif(*text, "--timings " + path);
}

}  // namespace lamina
