#include "util/time_format.h"

#include <cstdio>
#include <ctime>

namespace lamina {
namespace {

std::string format(std::chrono::system_clock::time_point t, bool millis) {
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
  std::time_t secs = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[96];
  if (millis) {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                  tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                  static_cast<int>(ms % 1000));
  } else {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d", tm.tm_year + 1900,
                  tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
  }
  return buf;
}

}  // namespace

std::string iso8601_utc_millis(std::chrono::system_clock::time_point t) {
  return format(t, true);
}
std::string iso8601_utc_seconds(std::chrono::system_clock::time_point t) {
  return format(t, false);
}

}  // namespace lamina
