#include "exec/target_probe.h"

#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>

namespace lamina {
namespace {

using Clock = std::chrono::steady_clock;

// Connects to one address without blocking longer than `deadline`; "" on success, else why not.
std::string try_connect(const addrinfo& address, Clock::time_point deadline) {
  int fd = ::socket(address.ai_family, address.ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC,
                    address.ai_protocol);
  if (fd < 0) return std::strerror(errno);
  std::string error;
  if (::connect(fd, address.ai_addr, address.ai_addrlen) != 0) {
    if (errno != EINPROGRESS) {
      error = std::strerror(errno);
    } else {
      pollfd p{fd, POLLOUT, 0};
      int ready = 0;
      for (;;) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
        if (left.count() <= 0) break;
        ready = ::poll(&p, 1, static_cast<int>(left.count()));
        if (ready >= 0 || errno != EINTR) break;
      }
      if (ready <= 0) {
        error = "timeout";
      } else {
        int so_error = 0;
        socklen_t len = sizeof so_error;
        ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &so_error, &len);
        if (so_error != 0) error = std::strerror(so_error);
      }
    }
  }
  ::close(fd);
  return error;
}

std::string lowercase_first(std::string text) {
  if (!text.empty() && text[0] >= 'A' && text[0] <= 'Z') text[0] = static_cast<char>(text[0] + 32);
  return text;
}

}  // namespace

std::optional<std::string> tcp_unreachable(const std::string& host, int port,
                                           std::chrono::milliseconds timeout) {
  Clock::time_point deadline = Clock::now() + timeout;
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  std::string service = std::to_string(port);
  int rc = ::getaddrinfo(host.c_str(), service.c_str(), &hints, &found);
  if (rc != 0) {
    return "no address for host \"" + host + "\" (" + lowercase_first(::gai_strerror(rc)) + ")";
  }
  std::unique_ptr<addrinfo, decltype(&::freeaddrinfo)> addresses(found, &::freeaddrinfo);
  std::string last_error = "no address";
  for (const addrinfo* a = found; a != nullptr; a = a->ai_next) {
    std::string error = try_connect(*a, deadline);
    if (error.empty()) return std::nullopt;
    last_error = error == "timeout"
                     ? "no answer within " + std::to_string(timeout.count() / 1000) + " s"
                     : lowercase_first(error);
    if (Clock::now() >= deadline) break;
  }
  return last_error;
}

}  // namespace lamina
