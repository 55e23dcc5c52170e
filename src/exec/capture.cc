#include "exec/capture.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace lamina {
namespace {

// Reads per drain() call: bounded so one chatty child cannot starve the others' deadlines.
constexpr int kReadsPerDrain = 16;

bool write_all(int fd, const char* data, size_t size) {
  while (size > 0) {
    ssize_t n = ::write(fd, data, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data += n;
    size -= static_cast<size_t>(n);
  }
  return true;
}

}  // namespace

StreamCapture::StreamCapture(int pipe_fd, size_t limit) : pipe_fd_(pipe_fd), limit_(limit) {}

StreamCapture::~StreamCapture() {
  close_pipe();
  if (spool_fd_ >= 0) ::close(spool_fd_);
}

bool StreamCapture::open_spool(const std::string& path, std::string* error) {
  spool_fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (spool_fd_ < 0) {
    *error = "cannot create output spool " + path + ": " + std::strerror(errno);
    return false;
  }
  // Unlinked at once: the descriptor is all we need, and nothing is left behind if lamina dies.
  ::unlink(path.c_str());
  spool_path_ = path;
  return true;
}

void StreamCapture::close_pipe() {
  if (pipe_fd_ >= 0) ::close(pipe_fd_);
  pipe_fd_ = -1;
}

StreamCapture::State StreamCapture::drain() {
  char buf[65536];
  for (int i = 0; i < kReadsPerDrain && pipe_fd_ >= 0; ++i) {
    ssize_t got = ::read(pipe_fd_, buf, sizeof buf);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0 && errno == EAGAIN) return State::open;
    if (got <= 0) {
      close_pipe();
      return State::closed;
    }
    size_t room = bytes_ < limit_ ? limit_ - bytes_ : 0;
    size_t kept = std::min(room, static_cast<size_t>(got));
    bytes_ += static_cast<size_t>(got);
    if (kept > 0 && !write_all(spool_fd_, buf, kept)) {
      spool_error_ = "cannot write output spool " + spool_path_ + ": " + std::strerror(errno);
      return State::spool_failed;
    }
    if (bytes_ > limit_) return State::over_limit;
  }
  return pipe_fd_ >= 0 ? State::open : State::closed;
}

std::string StreamCapture::contents(size_t max) const {
  std::string data;
  size_t want = std::min({max, bytes_, limit_});
  data.resize(want);
  size_t have = 0;
  while (have < want) {
    ssize_t n = ::pread(spool_fd_, data.data() + have, want - have, static_cast<off_t>(have));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    have += static_cast<size_t>(n);
  }
  data.resize(have);
  return data;
}

}  // namespace lamina
