/* Debian's libgit2.a speaks HTTPS through mbedTLS, and git_libgit2_init() then parses the whole
 * system CA bundle (54 M instructions, about 10 ms, before lamina can read a single object).
 * lamina reads repositories through libgit2 and fetches through the git CLI, so libgit2's TLS
 * stream is never used: in the static binary these definitions take the place of libgit2's
 * streams/mbedtls.c.o (every symbol it defines), so its initialisation loads nothing and an
 * HTTPS transport, were one ever opened, fails with a clear error. Linked only into the static
 * binary: a shared libgit2 keeps its own. */
#include <git2/errors.h>

int git_mbedtls_stream_global_init(void) { return 0; }

static int no_tls(void) {
  git_error_set_str(GIT_ERROR_SSL, "lamina's libgit2 has no TLS: lamina fetches with the git CLI");
  return -1;
}

int git_mbedtls__set_cert_location(const char* file, const char* path) {
  (void)file;
  (void)path;
  return no_tls();
}

int git_mbedtls_stream_new(void** out, const char* host, const char* port) {
  (void)out;
  (void)host;
  (void)port;
  return no_tls();
}

int git_mbedtls_stream_wrap(void** out, void* in, const char* host) {
  (void)out;
  (void)in;
  (void)host;
  return no_tls();
}
