#pragma once
// One captured output stream: a child's non-blocking pipe copied into a spool file, so a
// scanner's output costs disk, not lamina's memory, until it is read back once at the end.
#include <cstddef>
#include <string>

namespace lamina {

class StreamCapture {
 public:
  enum class State { open, closed, over_limit, spool_failed };

  // Takes ownership of `pipe_fd`. The spool file is created by open_spool().
  StreamCapture(int pipe_fd, size_t limit);
  ~StreamCapture();
  StreamCapture(const StreamCapture&) = delete;
  StreamCapture& operator=(const StreamCapture&) = delete;

  // Creates `path` (exclusive, mode 0600); false with `error` set when it cannot.
  bool open_spool(const std::string& path, std::string* error);

  int fd() const { return pipe_fd_; }  // -1 once closed
  size_t bytes() const { return bytes_; }
  const std::string& spool_error() const { return spool_error_; }

  // Copies what the pipe holds now into the spool. Returns closed at end of file (the pipe is
  // then closed), over_limit once more than `limit` bytes arrived, spool_failed when the spool
  // cannot be written; open otherwise.
  State drain();
  void close_pipe();

  // The first `max` bytes of what was captured (at most the limit).
  std::string contents(size_t max) const;

 private:
  int pipe_fd_;
  int spool_fd_ = -1;
  std::string spool_path_;
  size_t limit_;
  size_t bytes_ = 0;
  std::string spool_error_;
};

}  // namespace lamina
