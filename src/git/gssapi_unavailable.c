/* Debian's libgit2.a is built with GSSAPI (HTTP "Negotiate" authentication) and Debian ships no
 * static Kerberos library. lamina reads repositories through libgit2 and fetches through the git
 * CLI, so libgit2's Negotiate path is never used; these definitions make it fail cleanly
 * (GSS_S_FAILURE) instead of pulling a dynamic libgssapi_krb5 into the static binary. */
typedef unsigned int OM_uint32;
enum { kGssFailure = 13u << 16 };

void* GSS_C_NT_HOSTBASED_SERVICE = 0;

static OM_uint32 gss_fail(OM_uint32* minor) {
  if (minor) *minor = 0;
  return kGssFailure;
}
static OM_uint32 gss_ok(OM_uint32* minor) {
  if (minor) *minor = 0;
  return 0;
}

OM_uint32 gss_display_status(OM_uint32* minor) { return gss_fail(minor); }
OM_uint32 gss_import_name(OM_uint32* minor) { return gss_fail(minor); }
OM_uint32 gss_init_sec_context(OM_uint32* minor) { return gss_fail(minor); }
OM_uint32 gss_indicate_mechs(OM_uint32* minor) { return gss_fail(minor); }
OM_uint32 gss_release_buffer(OM_uint32* minor) { return gss_ok(minor); }
OM_uint32 gss_delete_sec_context(OM_uint32* minor) { return gss_ok(minor); }
OM_uint32 gss_release_name(OM_uint32* minor) { return gss_ok(minor); }
OM_uint32 gss_release_oid_set(OM_uint32* minor) { return gss_ok(minor); }
