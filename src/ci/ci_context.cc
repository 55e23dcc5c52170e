#include "ci/ci_context.h"

namespace lamina {

const char* to_string(Provider provider) {
  switch (provider) {
    case Provider::github:
      return "github";
    case Provider::gitlab:
      return "gitlab";
    case Provider::local:
      return "local";
  }
  return "local";
}

const char* to_string(RangeKind range) {
  switch (range) {
    case RangeKind::diff:
      return "diff";
    case RangeKind::merge_base:
      return "merge-base";
    case RangeKind::first_parent:
      return "first-parent";
    case RangeKind::local_upstream:
      return "local-upstream";
    case RangeKind::full:
      return "full";
    case RangeKind::nothing:
      return "nothing";
  }
  return "full";
}

}  // namespace lamina
