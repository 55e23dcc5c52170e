#include "git/change_set.h"

namespace lamina {

const char* to_string(ChangeStatus status) {
  switch (status) {
    case ChangeStatus::added:
      return "added";
    case ChangeStatus::modified:
      return "modified";
    case ChangeStatus::deleted:
      return "deleted";
    case ChangeStatus::renamed:
      return "renamed";
    case ChangeStatus::type_change:
      return "type-change";
  }
  return "modified";
}

}  // namespace lamina
