#include "cli/target_url.h"

#include <cctype>

namespace lamina {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// "host", "host:8080", "[::1]:8080" (userinfo already removed).
std::optional<std::string> host_port_problem(std::string_view authority) {
  std::string_view host = authority;
  std::string_view port;
  if (!authority.empty() && authority.front() == '[') {
    size_t close = authority.find(']');
    if (close == std::string_view::npos) return "unclosed \"[\" in the host";
    host = authority.substr(0, close + 1);
    std::string_view rest = authority.substr(close + 1);
    if (!rest.empty() && rest.front() != ':') return "unexpected text after \"]\"";
    if (!rest.empty()) port = rest.substr(1);
  } else if (size_t colon = authority.rfind(':'); colon != std::string_view::npos) {
    host = authority.substr(0, colon);
    port = authority.substr(colon + 1);
    if (port.empty()) return "empty port after \":\"";
  }
  if (host.empty() || host == "[]") return "no host";
  if (port.empty()) return std::nullopt;
  long number = 0;
  for (char c : port) {
    if (!std::isdigit(static_cast<unsigned char>(c)) || port.size() > 5) number = -1;
    if (number >= 0) number = number * 10 + (c - '0');
  }
  if (number < 1 || number > 65535) return "the port must be a number from 1 to 65535";
  return std::nullopt;
}

}  // namespace

namespace {

// The authority of a URL that has "://": "host:port" without userinfo.
std::string_view authority_of(std::string_view url) {
  std::string_view rest = url.substr(url.find("://") + 3);
  std::string_view authority = rest.substr(0, rest.find_first_of("/?#"));
  if (size_t at = authority.rfind('@'); at != std::string_view::npos) {
    authority = authority.substr(at + 1);
  }
  return authority;
}

}  // namespace

std::optional<TargetEndpoint> target_endpoint(std::string_view url) {
  if (target_url_problem(url)) return std::nullopt;
  std::string_view authority = authority_of(url);
  TargetEndpoint endpoint;
  endpoint.port = lower(url.substr(0, url.find("://"))) == "https" ? 443 : 80;
  std::string_view port;
  if (authority.front() == '[') {
    size_t close = authority.find(']');
    endpoint.host = std::string(authority.substr(1, close - 1));
    if (close + 1 < authority.size()) port = authority.substr(close + 2);
  } else if (size_t colon = authority.rfind(':'); colon != std::string_view::npos) {
    endpoint.host = std::string(authority.substr(0, colon));
    port = authority.substr(colon + 1);
  } else {
    endpoint.host = std::string(authority);
  }
  if (!port.empty()) {
    endpoint.port = 0;
    for (char c : port) endpoint.port = endpoint.port * 10 + (c - '0');
  }
  return endpoint;
}

std::optional<std::string> target_url_problem(std::string_view url) {
  for (char c : url) {
    auto byte = static_cast<unsigned char>(c);
    if (byte <= ' ' || byte == 0x7f) return "spaces and control characters are not allowed";
  }
  size_t scheme_end = url.find("://");
  std::string scheme = lower(url.substr(0, scheme_end == std::string_view::npos ? 0 : scheme_end));
  if (scheme != "http" && scheme != "https") return "the scheme must be http:// or https://";
  return host_port_problem(authority_of(url));
}

}  // namespace lamina
