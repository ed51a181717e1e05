// A ticket's satisfaction rating (and comment), when its customer answered the survey: the rating
// in words as well as stars, so it reads the same to everyone; nothing when there is none.
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "../../lib/trpc";
import type { TicketDetail } from "./shared";

const rated = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });

export function CsatRating({ ticket }: { ticket: TicketDetail }) {
  const trpc = useTRPC();
  const surveys = useQuery(
    trpc.csat.list.queryOptions({ ticketId: ticket.id, perPage: 1 }, { staleTime: 30_000 }),
  );
  const survey = surveys.data?.data[0];
  if (!survey?.rating) return null;
  return (
    <div className="prop sd-csat-rating">
      <span className="field-label">Customer satisfaction</span>
      <span>
        <span aria-hidden="true" className="sd-csat-stars">
          {"★".repeat(survey.rating)}
          {"☆".repeat(5 - survey.rating)}
        </span>{" "}
        <strong>{survey.ratingLabel}</strong>
        {survey.ratedAt ? (
          <span className="muted small"> · {rated.format(new Date(survey.ratedAt))}</span>
        ) : null}
      </span>
      {survey.comment ? (
        <blockquote className="sd-csat-comment">{survey.comment}</blockquote>
      ) : null}
    </div>
  );
}
