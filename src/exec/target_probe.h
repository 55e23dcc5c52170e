#pragma once
// Post-deploy: before any DAST scanner starts, is the target listening at all? DAST tools treat an
// unreachable target as a clean scan (wapiti and nuclei exit 0 with no findings), so lamina asks
// first: one TCP connection to the target's host and port, closed at once, nothing sent.
#include <chrono>
#include <optional>
#include <string>

namespace lamina {

// nullopt when a TCP connection to `host`:`port` (any of its addresses) opens within `timeout`;
// else why not: "no address for host \"x\" (...)", "connection refused", "no answer within 10 s".
std::optional<std::string> tcp_unreachable(const std::string& host, int port,
                                           std::chrono::milliseconds timeout);

}  // namespace lamina
