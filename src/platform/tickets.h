#pragma once
// The continuous layer's findings as tickets (--publish tickets): one GitHub or GitLab issue per
// finding group, labelled `lamina`, `lamina:sev1|2|3` and the scanner, due after the severity's SLA
// (`tickets.sla` in .lamina.yml), assigned from CODEOWNERS, found again by a hidden marker. On the
// next run a ticket whose finding is still there is left alone (edited when its text changed), a
// finding that is gone closes its ticket with a comment naming the commit, a closed ticket whose
// finding returns is reopened unless it carries the won't-fix label, and at most `max_new` tickets
// are opened per run (the rest counted in one summary ticket).
#include <chrono>
#include <string>
#include <vector>

#include "config/settings.h"
#include "outcome/scan_result.h"
#include "platform/http_client.h"
#include "platform/publish.h"

namespace lamina {

// One ticket's worth of findings: one finding (group_by fingerprint) or every finding of a rule
// in a file (rule-file).
struct TicketGroup {
  std::string key;    // what the marker carries: the fingerprint, or "<tool>/<rule>/<path>"
  std::string title;  // "[lamina sev2] bandit B602 in app/run.py:2"
  std::string body;   // where, what, how to fix, the commit, then the marker (no due date)
  Severity severity = Severity::sev3;  // the most severe of its findings
  std::string tool;
  std::string path;
};

std::vector<TicketGroup> ticket_groups(const ScanResult& scan, const std::string& group_by);

// A ticket as the platform lists it.
struct ExistingTicket {
  long number = 0;
  bool open = true;
  std::string body;
  std::vector<std::string> labels;
};

enum class TicketChange { open, update, close, reopen, keep, keep_closed };

struct TicketAction {
  TicketChange change = TicketChange::keep;
  long number = 0;  // the existing ticket; 0 for a new one
  std::string key;
  std::string title;
  std::string body;  // for open and update: the whole text, due date and marker included
  std::vector<std::string> labels;
  std::vector<std::string> assignees;
  std::string due;  // YYYY-MM-DD
};

struct TicketPlan {
  std::vector<TicketAction> actions;
  size_t over_cap = 0;       // groups not opened this run (max_new): counted in the summary ticket
  std::string summary_body;  // the overflow ticket's text; "" when nothing overflowed
  long summary_number = 0;   // the open overflow ticket, 0 when none
  bool summary_open = false;
};

// Owners of `path` by a CODEOWNERS text (last matching line wins; @user owners only, teams and
// e-mail addresses cannot be assignees).
std::vector<std::string> code_owners(const std::string& codeowners, const std::string& path);

// What to do: pure, from the groups of this run and the tickets that exist.
TicketPlan plan_tickets(const std::vector<TicketGroup>& groups,
                        const std::vector<ExistingTicket>& existing, const TicketSettings& settings,
                        const std::string& codeowners, const std::string& commit,
                        std::chrono::system_clock::time_point now);

// tickets-plan.json: the plan as data (what would be opened, updated, closed, reopened).
std::string ticket_plan_json(const TicketPlan& plan);

// Lists the tickets (GitHub or GitLab issues labelled `lamina`, by context.provider), plans, and
// applies the plan unless `dry_run`; writes the plan's JSON to `plan_json` either way. GitLab
// issues get their due date in `due_date`; GitHub's, which have no such field, in the text.
PublishOutcome publish_tickets(const ScanResult& scan, const PublishContext& context,
                               HttpClient& client, const TicketSettings& settings,
                               const std::string& codeowners, bool dry_run, std::string* plan_json);

}  // namespace lamina
