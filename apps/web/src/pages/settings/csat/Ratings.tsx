// The answers so far: the latest ratings (anyone who reads tickets), and the average by agent with
// the response rate (those who may read reports: it measures people's work).
import { useQuery } from "@tanstack/react-query";
import { Link, useParams } from "react-router";
import { errorMessage, useTRPC } from "../../../lib/trpc";
import { useCan } from "../../../lib/use-can";
import { EmptyState, ErrorState, Spinner } from "../../../ui";

const when = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
const percent = new Intl.NumberFormat(undefined, { style: "percent" });

export function RecentRatings() {
  const trpc = useTRPC();
  const { slug } = useParams();
  const recent = useQuery(trpc.csat.list.queryOptions({ answered: true, perPage: 10 }));
  return (
    <section className="card sd-table-card" aria-labelledby="csat-recent">
      <h3 id="csat-recent">Recent ratings</h3>
      {recent.isPending ? (
        <Spinner label="Loading recent ratings" />
      ) : recent.isError ? (
        <ErrorState message={errorMessage(recent.error)} onRetry={() => recent.refetch()} />
      ) : recent.data.data.length === 0 ? (
        <EmptyState title="No ratings yet">Answers to the survey appear here.</EmptyState>
      ) : (
        <table className="sd-table">
          <caption className="visually-hidden">Recent ratings, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Rating</th>
              <th scope="col">Ticket</th>
              <th scope="col">Agent</th>
              <th scope="col">Comment</th>
              <th scope="col">When</th>
            </tr>
          </thead>
          <tbody>
            {recent.data.data.map((s) => (
              <tr key={s.id}>
                <th scope="row" data-label="Rating">
                  {s.ratingLabel}
                </th>
                <td data-label="Ticket">
                  <Link to={`/t/${slug}/tickets/${s.ticketId}`}>
                    #{s.ticketNumber} {s.ticketSubject}
                  </Link>
                </td>
                <td data-label="Agent">
                  {s.agentName ?? <span className="sd-muted">Nobody</span>}
                </td>
                <td data-label="Comment">{s.comment ?? <span className="sd-muted">—</span>}</td>
                <td data-label="When">{s.ratedAt ? when.format(new Date(s.ratedAt)) : ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function AverageByAgent() {
  const trpc = useTRPC();
  const canRead = useCan("report.read");
  const summary = useQuery({ ...trpc.csat.summary.queryOptions({}), enabled: canRead });
  if (!canRead) return null;
  return (
    <section className="card sd-table-card" aria-labelledby="csat-agents">
      <h3 id="csat-agents">Average by agent</h3>
      {summary.isPending ? (
        <Spinner label="Loading the averages" />
      ) : summary.isError ? (
        <ErrorState message={errorMessage(summary.error)} onRetry={() => summary.refetch()} />
      ) : (
        <>
          <dl className="sd-figures">
            <div>
              <dt>Average rating</dt>
              <dd>{summary.data.average ?? "—"}</dd>
            </div>
            <div>
              <dt>Surveys sent</dt>
              <dd>{summary.data.sent}</dd>
            </div>
            <div>
              <dt>Response rate</dt>
              <dd>
                {summary.data.responseRate === null
                  ? "—"
                  : percent.format(summary.data.responseRate)}
              </dd>
            </div>
          </dl>
          {summary.data.byAgent.length === 0 ? (
            <EmptyState title="No ratings yet">Each agent's average appears here.</EmptyState>
          ) : (
            <table className="sd-table">
              <caption className="visually-hidden">Average rating by agent</caption>
              <thead>
                <tr>
                  <th scope="col">Agent</th>
                  <th scope="col">Ratings</th>
                  <th scope="col">Average (1–5)</th>
                </tr>
              </thead>
              <tbody>
                {summary.data.byAgent.map((a) => (
                  <tr key={a.agentUserId ?? "nobody"}>
                    <th scope="row" data-label="Agent">
                      {a.name ?? <span className="sd-muted">Unassigned</span>}
                    </th>
                    <td data-label="Ratings">{a.rated}</td>
                    <td data-label="Average (1–5)">{a.average}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
