// The post-deploy reachability probe against real sockets on 127.0.0.1.
#include "exec/target_probe.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace lamina {
namespace {

using std::chrono::milliseconds;

// A TCP socket bound to an ephemeral port of 127.0.0.1; listening only when asked.
struct LocalPort {
  explicit LocalPort(bool listening) {
    fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    EXPECT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
    socklen_t len = sizeof address;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &len);
    port = ntohs(address.sin_port);
    if (listening) {
      EXPECT_EQ(::listen(fd, 4), 0);
    }
  }
  ~LocalPort() { ::close(fd); }
  int fd = -1;
  int port = 0;
};

TEST(TargetProbe, AListeningPortIsReachable) {
  LocalPort server(true);
  EXPECT_EQ(tcp_unreachable("127.0.0.1", server.port, milliseconds(2000)), std::nullopt);
  EXPECT_EQ(tcp_unreachable("localhost", server.port, milliseconds(2000)), std::nullopt);
}

TEST(TargetProbe, APortNobodyListensOnIsRefused) {
  LocalPort bound_only(false);  // bound, not listening: connections are refused
  EXPECT_EQ(tcp_unreachable("127.0.0.1", bound_only.port, milliseconds(2000)),
            "connection refused");
}

TEST(TargetProbe, AHostWithoutAddressSaysSo) {
  std::optional<std::string> why = tcp_unreachable("no-such-host.invalid", 80, milliseconds(5000));
  ASSERT_TRUE(why);
  EXPECT_TRUE(why->starts_with("no address for host \"no-such-host.invalid\" (")) << *why;
}

}  // namespace
}  // namespace lamina
