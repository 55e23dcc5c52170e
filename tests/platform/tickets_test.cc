#include "platform/tickets.h"

#include <gtest/gtest.h>

#include <map>

namespace lamina {
namespace {

TEST(CodeOwners, LastMatchingLineWinsAndOnlyUsersAreAssignees) {
  std::string owners =
      "# comment\n"
      "*       @alice\n"
      "/docs/  @writer @org/docs\n"
      "*.py    @py-dev bob@example.com\n"
      "/app/legacy.py\n";  // no owners: the last match wins with nobody
  EXPECT_EQ(code_owners(owners, "README.md"), std::vector<std::string>{"alice"});
  EXPECT_EQ(code_owners(owners, "docs/guide/intro.md"), std::vector<std::string>{"writer"});
  EXPECT_EQ(code_owners(owners, "app/x.py"), std::vector<std::string>{"py-dev"});
  EXPECT_TRUE(code_owners(owners, "app/legacy.py").empty());
  EXPECT_TRUE(code_owners("", "a").empty());
}

Finding finding(const std::string& fp, Severity s) {
  Finding f;
  f.tool = "bad-words";
  f.rule_id = "bad-word";
  f.message = "BAD";
  f.severity = s;
  f.location.path = "a.txt";
  f.location.region.start_line = 1;
  f.diff_position = DiffPosition::added_lines;
  f.fingerprints["lamina/v1"] = fp;
  return f;
}

TEST(PlanTickets, OpensUpdatesClosesReopensAndRespectsWontFix) {
  ScanResult scan;
  scan.filter = FilterMode::all;
  scan.fail_on = *parse_fail_on("sev3");
  scan.findings = {finding("aa:1", Severity::sev1), finding("bb:1", Severity::sev3),
                   finding("cc:1", Severity::sev2), finding("dd:1", Severity::sev2)};
  TicketSettings settings;
  auto now = std::chrono::system_clock::time_point(std::chrono::hours(24 * 20000));
  std::vector<TicketGroup> groups = ticket_groups(scan, settings.group_by);
  ASSERT_EQ(groups.size(), 4u);
  EXPECT_EQ(groups[0].key, "aa:1");  // sev1 first
  TicketPlan first = plan_tickets(groups, {}, settings, "", "c0ffee", now);
  ASSERT_EQ(first.actions.size(), 4u);
  EXPECT_EQ(first.actions[0].due, "2024-10-05");  // day 20000 + 1 day (sev1 SLA)
  std::map<std::string, std::string> body;
  for (const TicketAction& a : first.actions) body[a.key] = a.body;
  // Existing: aa open and identical, bb closed (will come back), cc closed won't fix, ee gone.
  std::vector<ExistingTicket> existing = {
      {1, true, body["aa:1"], {"lamina"}},
      {2, false, body["bb:1"], {"lamina"}},
      {3, false, body["cc:1"], {"lamina", "lamina:wontfix"}},
      {4, true, "old\n<!-- lamina:ticket:ee:1 -->", {"lamina"}},
      {5, true, "someone else's issue mentioning <!-- lamina:ticket:dd:1 --> in text\nmore", {}},
  };
  TicketPlan next = plan_tickets(groups, existing, settings, "", "later", now);
  std::map<std::string, TicketChange> change;
  for (const TicketAction& a : next.actions) change[a.key] = a.change;
  EXPECT_EQ(change["aa:1"], TicketChange::keep);
  EXPECT_EQ(change["bb:1"], TicketChange::reopen);
  EXPECT_EQ(change["cc:1"], TicketChange::keep_closed);
  EXPECT_EQ(change["dd:1"], TicketChange::open);  // a marker not on the last line is not lamina's
  EXPECT_EQ(change["ee:1"], TicketChange::close);
  settings.max_new = 1;
  TicketPlan capped = plan_tickets(groups, {}, settings, "", "c0ffee", now);
  EXPECT_EQ(capped.actions.size(), 1u);
  EXPECT_EQ(capped.over_cap, 3u);
  EXPECT_NE(capped.summary_body.find("3 more findings"), std::string::npos);
}

}  // namespace
}  // namespace lamina
