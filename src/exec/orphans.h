#pragma once
// A scanner's daemon that leaves its process group (setsid) cannot be stopped with the group.
// As a child subreaper, lamina inherits such orphans instead of init, and can stop them when the
// run ends, so no scanner process outlives lamina.

namespace lamina {

// Makes this process the subreaper of its descendants (PR_SET_CHILD_SUBREAPER). Idempotent.
void adopt_orphans();

// SIGKILLs and reaps every child this process still has (all of them are orphans of finished
// scanners once the runner has reaped its own). Returns how many were stopped.
int stop_remaining_children();

}  // namespace lamina
