#pragma once
// --target-url names the running service a post-deploy scan attacks: it must be an http(s) URL
// with a host, never a file, another scheme or something a scanner would read as an option.
#include <optional>
#include <string>
#include <string_view>

namespace lamina {

// What is wrong with `url` as a scan target ("" host, "file:" scheme...), or nullopt when it is
// an http:// or https:// URL with a host and, if given, a port 1-65535.
std::optional<std::string> target_url_problem(std::string_view url);

// Where a valid target URL's service listens: the host (brackets of an IPv6 literal removed) and
// the port (given, else 80 for http and 443 for https). nullopt when target_url_problem(url).
struct TargetEndpoint {
  std::string host;
  int port = 0;
};
std::optional<TargetEndpoint> target_endpoint(std::string_view url);

}  // namespace lamina
