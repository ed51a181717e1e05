// What agents read of the surveys: a page of them (the ticket's rating, the recent ones, an
// agent's) under `ticket.read`, and the summary — average, response rate, by agent — under
// `report.read`, since it measures people's work rather than showing a ticket.
import {
  and,
  csatSurveys,
  customers,
  desc,
  eq,
  gte,
  isNotNull,
  lt,
  type SQL,
  sql,
  tickets,
  users,
} from "@supportdesk/database";
import { authorize, type TenantScope } from "../context";
import { decodeCursor, toPage } from "../pagination";
import { ratingLabel } from "./shared";

export type SurveyFilters = {
  ticketId?: string | undefined;
  agentUserId?: string | undefined;
  rating?: number | undefined;
  /** Only surveys the customer answered. */
  answered?: boolean | undefined;
  cursor?: string | undefined;
  perPage?: number | undefined;
};

const surveyColumns = {
  id: csatSurveys.id,
  ticketId: csatSurveys.ticketId,
  ticketNumber: tickets.number,
  ticketSubject: tickets.subject,
  customerId: csatSurveys.customerId,
  customerName: customers.name,
  agentUserId: csatSurveys.agentUserId,
  agentName: users.name,
  teamId: csatSurveys.teamId,
  rating: csatSurveys.rating,
  comment: csatSurveys.comment,
  sentAt: csatSurveys.sentAt,
  ratedAt: csatSurveys.ratedAt,
  createdAt: csatSurveys.createdAt,
};

/** A page of surveys, newest first, narrowed by ticket, agent, rating or answered. */
export async function listSurveys(scope: TenantScope, input: SurveyFilters = {}) {
  authorize(scope, "ticket.read");
  const perPage = input.perPage ?? 25;
  const after = input.cursor ? decodeCursor(input.cursor) : undefined;
  const rows = await scope.tx
    .select(surveyColumns)
    .from(csatSurveys)
    .innerJoin(
      tickets,
      and(eq(tickets.tenantId, csatSurveys.tenantId), eq(tickets.id, csatSurveys.ticketId)),
    )
    .leftJoin(
      customers,
      and(eq(customers.tenantId, csatSurveys.tenantId), eq(customers.id, csatSurveys.customerId)),
    )
    .leftJoin(users, eq(users.id, csatSurveys.agentUserId))
    .where(
      and(
        after
          ? sql`(${csatSurveys.createdAt}, ${csatSurveys.id}) < (${after.createdAt}::timestamptz, ${after.id}::uuid)`
          : undefined,
        input.ticketId ? eq(csatSurveys.ticketId, input.ticketId) : undefined,
        input.agentUserId ? eq(csatSurveys.agentUserId, input.agentUserId) : undefined,
        input.rating ? eq(csatSurveys.rating, input.rating) : undefined,
        input.answered ? isNotNull(csatSurveys.rating) : undefined,
      ),
    )
    .orderBy(desc(csatSurveys.createdAt), desc(csatSurveys.id))
    .limit(perPage + 1);
  const labelled = rows.map((row) => ({ ...row, ratingLabel: ratingLabel(row.rating) }));
  return toPage(labelled, perPage, scope.tenantId, input.cursor);
}

export type CsatSummary = {
  /** Surveys emailed in the range, and how many of them the customer answered. */
  sent: number;
  rated: number;
  /** The mean rating (1–5, two decimals), or null with no answers. */
  average: number | null;
  /** rated / sent (0–1), or null when none were sent. */
  responseRate: number | null;
  /** How many answers gave each rating, 1 first. */
  distribution: number[];
  byAgent: { agentUserId: string | null; name: string | null; rated: number; average: number }[];
  tenant_id: string;
};

const round2 = (value: number) => Math.round(value * 100) / 100;

/** Average, response rate and per-agent averages of the surveys sent in [from, to). */
export async function summary(
  scope: TenantScope,
  input: { from?: Date | undefined; to?: Date | undefined } = {},
): Promise<CsatSummary> {
  authorize(scope, "report.read");
  const range: (SQL | undefined)[] = [
    isNotNull(csatSurveys.sentAt),
    input.from ? gte(csatSurveys.sentAt, input.from) : undefined,
    input.to ? lt(csatSurveys.sentAt, input.to) : undefined,
  ];
  const [totals, ratings, agents] = await Promise.all([
    scope.tx
      .select({
        sent: sql<number>`count(*)::int`,
        rated: sql<number>`count(${csatSurveys.rating})::int`,
        average: sql<number | null>`avg(${csatSurveys.rating})::float8`,
      })
      .from(csatSurveys)
      .where(and(...range)),
    scope.tx
      .select({ rating: csatSurveys.rating, count: sql<number>`count(*)::int` })
      .from(csatSurveys)
      .where(and(...range, isNotNull(csatSurveys.rating)))
      .groupBy(csatSurveys.rating),
    scope.tx
      .select({
        agentUserId: csatSurveys.agentUserId,
        name: users.name,
        rated: sql<number>`count(*)::int`,
        average: sql<number>`avg(${csatSurveys.rating})::float8`,
      })
      .from(csatSurveys)
      .leftJoin(users, eq(users.id, csatSurveys.agentUserId))
      .where(and(...range, isNotNull(csatSurveys.rating)))
      .groupBy(csatSurveys.agentUserId, users.name)
      .orderBy(desc(sql`count(*)`), users.name),
  ]);
  const total = totals[0] ?? { sent: 0, rated: 0, average: null };
  const countOf = new Map(ratings.map((r) => [r.rating, r.count]));
  return {
    sent: total.sent,
    rated: total.rated,
    average: total.average === null ? null : round2(total.average),
    responseRate: total.sent > 0 ? round2(total.rated / total.sent) : null,
    distribution: [1, 2, 3, 4, 5].map((r) => countOf.get(r) ?? 0),
    byAgent: agents.map((a) => ({ ...a, average: round2(a.average) })),
    tenant_id: scope.tenantId,
  };
}
