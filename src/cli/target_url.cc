#include "cli/target_url.h"

#include <cctype>

namespace lamina {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// A URL read once, for both the check and the endpoint: its host (an IPv6 literal without its
// brackets) and port, or what is wrong with it.
struct ParsedUrl {
  std::optional<std::string> problem;
  TargetEndpoint endpoint;
};

// "host", "host:8080", "[::1]:8080" (userinfo already removed) into `out`; false with
// out.problem set when malformed.
bool read_host_port(std::string_view authority, ParsedUrl& out) {
  std::string_view host = authority;
  std::string_view port;
  bool bracketed = !authority.empty() && authority.front() == '[';
  if (bracketed) {
    size_t close = authority.find(']');
    if (close == std::string_view::npos) {
      out.problem = "unclosed \"[\" in the host";
      return false;
    }
    host = authority.substr(1, close - 1);
    std::string_view rest = authority.substr(close + 1);
    if (!rest.empty() && rest.front() != ':') {
      out.problem = "unexpected text after \"]\"";
      return false;
    }
    if (!rest.empty()) port = rest.substr(1);
  } else if (size_t colon = authority.rfind(':'); colon != std::string_view::npos) {
    host = authority.substr(0, colon);
    port = authority.substr(colon + 1);
    if (port.empty()) {
      out.problem = "empty port after \":\"";
      return false;
    }
  }
  if (host.empty()) {
    out.problem = "no host";
    return false;
  }
  out.endpoint.host = std::string(host);
  if (port.empty()) return true;
  long number = 0;
  for (char c : port) {
    if (!std::isdigit(static_cast<unsigned char>(c)) || port.size() > 5) number = -1;
    if (number >= 0) number = number * 10 + (c - '0');
  }
  if (number < 1 || number > 65535) {
    out.problem = "the port must be a number from 1 to 65535";
    return false;
  }
  out.endpoint.port = static_cast<int>(number);
  return true;
}

ParsedUrl parse_url(std::string_view url) {
  ParsedUrl out;
  for (char c : url) {
    auto byte = static_cast<unsigned char>(c);
    if (byte <= ' ' || byte == 0x7f) {
      out.problem = "spaces and control characters are not allowed";
      return out;
    }
  }
  size_t scheme_end = url.find("://");
  std::string scheme = lower(url.substr(0, scheme_end == std::string_view::npos ? 0 : scheme_end));
  if (scheme != "http" && scheme != "https") {
    out.problem = "the scheme must be http:// or https://";
    return out;
  }
  out.endpoint.port = scheme == "https" ? 443 : 80;
  std::string_view rest = url.substr(scheme_end + 3);
  std::string_view authority = rest.substr(0, rest.find_first_of("/?#"));
  if (size_t at = authority.rfind('@'); at != std::string_view::npos) {
    authority = authority.substr(at + 1);
  }
  read_host_port(authority, out);
  return out;
}

}  // namespace

std::optional<TargetEndpoint> target_endpoint(std::string_view url) {
  ParsedUrl parsed = parse_url(url);
  if (parsed.problem) return std::nullopt;
  return parsed.endpoint;
}

std::optional<std::string> target_url_problem(std::string_view url) {
  return parse_url(url).problem;
}

}  // namespace lamina
