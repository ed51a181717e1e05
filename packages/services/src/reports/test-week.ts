// The reports' fixture week: known tickets (channels, teams, agents, tags, messages at fixed
// times, status changes, SLA clocks, surveys) that test-desk.ts writes and the tests recompute.
import type { SlaMetric, TicketChannel, TicketPriority, TicketStatus } from "@supportdesk/domain";

export const at = (iso: string) => new Date(iso);

export type TicketSpec = {
  key: string;
  created: string;
  channel: TicketChannel;
  priority: TicketPriority;
  status: TicketStatus;
  statusChanged?: string;
  tags?: string[];
  agent?: "ada" | "bo";
  team?: "billing" | "technical";
  inquiryTypeId?: string;
  /** [time, author, internal, body] */
  thread?: [string, "agent" | "customer" | "system", boolean, string][];
  clocks?: {
    metric: SlaMetric;
    status: "active" | "met" | "superseded";
    started: string;
    due: string;
    completed?: string;
    breached?: string;
  }[];
  survey?: { sent: string | null; rating?: number; comment?: string; rated?: string };
};

/** The week of 2025-01-06 (Mon) to 2025-01-12, with one ticket before and one after. */
export const WEEK: TicketSpec[] = [
  {
    key: "t1",
    created: "2025-01-06T09:00:00Z",
    channel: "email",
    priority: "high",
    status: "resolved",
    statusChanged: "2025-01-07T12:00:00Z",
    tags: ["billing"],
    agent: "ada",
    team: "billing",
    thread: [
      ["2025-01-06T09:00:00Z", "customer", false, "My invoice is wrong"],
      ["2025-01-06T09:30:00Z", "agent", true, "Checking with finance"],
      ["2025-01-06T10:30:00Z", "agent", false, "Fixed it"],
      ["2025-01-07T12:00:00Z", "system", false, "Status changed from pending to resolved."],
    ],
    clocks: [
      {
        metric: "first_response",
        status: "met",
        started: "2025-01-06T09:00:00Z",
        due: "2025-01-06T13:00:00Z",
        completed: "2025-01-06T10:30:00Z",
      },
    ],
    survey: {
      sent: "2025-01-07T13:00:00Z",
      rating: 5,
      comment: "Great, thanks",
      rated: "2025-01-07T14:00:00Z",
    },
  },
  {
    // 23:30 UTC: the 7th in Berlin. Resolved, then reopened by the customer.
    key: "t2",
    created: "2025-01-06T23:30:00Z",
    channel: "helpcentre",
    priority: "normal",
    status: "open",
    statusChanged: "2025-01-08T09:00:00Z",
    tags: ["bug", "billing"],
    agent: "bo",
    team: "technical",
    inquiryTypeId: "it-bug",
    thread: [
      ["2025-01-06T23:30:00Z", "customer", false, "It crashes"],
      ["2025-01-07T01:00:00Z", "agent", false, "Try again now"],
      ["2025-01-07T08:00:00Z", "system", false, "Status changed from pending to resolved."],
      [
        "2025-01-08T09:00:00Z",
        "system",
        false,
        "Status changed from resolved to open (the customer replied).",
      ],
    ],
    clocks: [
      {
        metric: "first_response",
        status: "met",
        started: "2025-01-06T23:30:00Z",
        due: "2025-01-07T03:30:00Z",
        completed: "2025-01-07T01:00:00Z",
      },
      {
        metric: "resolution",
        status: "active",
        started: "2025-01-06T23:30:00Z",
        due: "2025-01-08T10:00:00Z",
        breached: "2025-01-08T10:00:00Z",
      },
    ],
  },
  {
    // Opened by an agent (the opening message is no response); never answered.
    key: "t3",
    created: "2025-01-08T15:00:00Z",
    channel: "agent",
    priority: "low",
    status: "open",
    thread: [["2025-01-08T15:00:00Z", "agent", false, "Customer called about a refund"]],
    clocks: [
      {
        metric: "first_response",
        status: "active",
        started: "2025-01-08T15:00:00Z",
        due: "2025-01-08T16:00:00Z",
        breached: "2025-01-08T16:00:00Z",
      },
    ],
  },
  {
    key: "t4",
    created: "2025-01-09T08:00:00Z",
    channel: "email",
    priority: "urgent",
    status: "closed",
    statusChanged: "2025-01-10T09:00:00Z",
    tags: ["billing"],
    agent: "ada",
    team: "billing",
    thread: [
      ["2025-01-09T08:00:00Z", "customer", false, "Charged twice"],
      ["2025-01-09T08:05:00Z", "agent", false, "Refunded"],
      ["2025-01-10T09:00:00Z", "system", false, "Status changed from pending to closed."],
    ],
    clocks: [
      {
        metric: "first_response",
        status: "met",
        started: "2025-01-09T08:00:00Z",
        due: "2025-01-09T08:30:00Z",
        completed: "2025-01-09T08:05:00Z",
      },
      {
        metric: "next_response",
        status: "superseded",
        started: "2025-01-09T08:05:00Z",
        due: "2025-01-09T12:00:00Z",
        completed: "2025-01-09T09:00:00Z",
      },
      {
        metric: "resolution",
        status: "met",
        started: "2025-01-09T08:00:00Z",
        due: "2025-01-10T12:00:00Z",
        completed: "2025-01-10T09:00:00Z",
      },
    ],
    survey: {
      sent: "2025-01-10T10:00:00Z",
      rating: 2,
      comment: '=HYPERLINK("x"), slow',
      rated: "2025-01-10T11:00:00Z",
    },
  },
  {
    // 23:30 UTC on Saturday: Sunday in Berlin.
    key: "t5",
    created: "2025-01-11T23:30:00Z",
    channel: "helpcentre",
    priority: "normal",
    status: "resolved",
    statusChanged: "2025-01-12T05:00:00Z",
    tags: ["bug"],
    agent: "bo",
    team: "technical",
    inquiryTypeId: "it-bug",
    thread: [
      ["2025-01-11T23:30:00Z", "customer", false, "Login fails"],
      ["2025-01-12T02:00:00Z", "agent", false, "Reset your password"],
      ["2025-01-12T05:00:00Z", "system", false, "Status changed from pending to resolved."],
    ],
    survey: { sent: "2025-01-12T06:00:00Z" },
  },
  {
    key: "t6",
    created: "2024-12-20T10:00:00Z",
    channel: "email",
    priority: "normal",
    status: "resolved",
    statusChanged: "2025-01-06T12:00:00Z",
    agent: "ada",
    team: "billing",
    thread: [
      ["2024-12-20T10:00:00Z", "customer", false, "Old question"],
      ["2025-01-06T11:00:00Z", "agent", false, "Sorry for the wait"],
    ],
    survey: { sent: null },
  },
  {
    key: "t7",
    created: "2025-01-20T10:00:00Z",
    channel: "email",
    priority: "high",
    status: "pending",
    tags: ["billing"],
    agent: "bo",
    thread: [["2025-01-20T10:00:00Z", "customer", false, "Later question"]],
  },
];
