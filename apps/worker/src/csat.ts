// Satisfaction surveys: the delayed survey email. Skipped when the ticket was reopened meanwhile
// or the survey has gone out already; otherwise five one-click rating links to the help centre's
// `/csat/<token>?rating=N`, and the survey marked sent.
import { and, csatSurveys, customers, eq, isNull, tickets } from "@supportdesk/database";
import type { JobHandler } from "@supportdesk/queue";
import { csat } from "@supportdesk/services";
import { brandOf, type HandlerDeps, send, str } from "./mail-kit";

/** The survey page's link with one rating (1–5) chosen, on the tenant's help centre. */
export function ratingUrl(helpCentre: string, token: string, rating: number): string {
  return `${helpCentre}/csat/${encodeURIComponent(token)}?rating=${rating}`;
}

export function csatHandlers(deps: HandlerDeps): Record<string, JobHandler> {
  return {
    "email.csat-survey": async (job) => {
      const tenantId = str(job.tenantId);
      const surveyId = str(job.payload.surveyId);
      const token = str(job.payload.token);
      const found = await deps.db.withTenant(tenantId, async (tx) => {
        const [row] = await tx
          .select({
            sentAt: csatSurveys.sentAt,
            status: tickets.status,
            number: tickets.number,
            subject: tickets.subject,
            email: customers.email,
            name: customers.name,
          })
          .from(csatSurveys)
          .innerJoin(
            tickets,
            and(eq(tickets.tenantId, csatSurveys.tenantId), eq(tickets.id, csatSurveys.ticketId)),
          )
          .innerJoin(
            customers,
            and(
              eq(customers.tenantId, csatSurveys.tenantId),
              eq(customers.id, csatSurveys.customerId),
            ),
          )
          .where(eq(csatSurveys.id, surveyId));
        return row ? { row, settings: await csat.surveySettings(tx) } : undefined;
      });
      if (!found) return { skipped: "survey, ticket or customer gone" };
      const { row, settings } = found;
      if (row.sentAt) return { skipped: "already sent" };
      if (row.status !== "resolved" && row.status !== "closed") {
        return { skipped: "the ticket was reopened" };
      }
      const brand = await brandOf(deps, tenantId);
      const sent = await send(
        deps,
        job,
        row.email,
        "csat-survey",
        {
          customerName: row.name,
          number: row.number,
          subject: row.subject,
          question: settings.question,
          ratingUrls: [1, 2, 3, 4, 5].map((r) => ratingUrl(brand.helpCentre, token, r)),
        },
        brand,
        { fromName: brand.settings.senderName ?? brand.name },
      );
      await deps.db.withTenant(tenantId, (tx) =>
        tx
          .update(csatSurveys)
          .set({ sentAt: new Date(), updatedAt: new Date() })
          .where(and(eq(csatSurveys.id, surveyId), isNull(csatSurveys.sentAt))),
      );
      return sent;
    },
  };
}
