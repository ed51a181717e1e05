// Reports: headline cards, then volume, response times, SLA and satisfaction charts with their
// data tables and CSV downloads, over the range, time zone and filters kept in the URL.
import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useSearchParams } from "react-router";
import { errorMessage, useTRPC } from "../../lib/trpc";
import { useCan } from "../../lib/use-can";
import { ErrorState, Spinner } from "../../ui";
import { Controls } from "./Controls";
import { OverviewCards } from "./OverviewCards";
import { queryOf } from "./params";
import { CsatSection, SlaSection } from "./SlaCsatSections";
import { TimesSection } from "./TimesSection";
import { VolumeSection } from "./VolumeSection";
import "./reports.css";

/** A report's query state as the page shows it: a spinner, the error, or the section. */
function Loaded<T>(props: {
  label: string;
  query: {
    isPending: boolean;
    isError: boolean;
    error: unknown;
    data: T | undefined;
    refetch: () => unknown;
  };
  children: (data: T) => ReactNode;
}) {
  const { query } = props;
  if (query.isPending) return <Spinner label={`Loading ${props.label}`} />;
  if (query.isError || query.data === undefined) {
    return <ErrorState message={errorMessage(query.error)} onRetry={() => query.refetch()} />;
  }
  return <>{props.children(query.data)}</>;
}

export function ReportsPage() {
  const trpc = useTRPC();
  const [params, setParams] = useSearchParams();
  const query = queryOf(params);
  const canListPeople = useCan("member.read");
  const options = { staleTime: 60_000 };
  const overview = useQuery(trpc.reports.overview.queryOptions(query, options));
  const volume = useQuery(trpc.reports.volume.queryOptions(query, options));
  const times = useQuery(trpc.reports.responseTimes.queryOptions(query, options));
  const sla = useQuery(trpc.reports.sla.queryOptions(query, options));
  const csat = useQuery(trpc.reports.csat.queryOptions(query, options));
  const teams = useQuery(
    trpc.teams.list.queryOptions(undefined, { enabled: canListPeople, staleTime: 300_000 }),
  );
  const members = useQuery(
    trpc.tenants.members.list.queryOptions(undefined, {
      enabled: canListPeople,
      staleTime: 300_000,
    }),
  );

  return (
    <section className="sd-reports" aria-labelledby="reports-title">
      <header>
        <h2 id="reports-title">Reports</h2>
        <p>
          {query.from} to {query.to} in {query.timezone}. Durations are business hours of the
          default calendar.
        </p>
      </header>
      <Controls
        params={params}
        query={query}
        setParams={(next) => setParams(next, { replace: true })}
        teams={(teams.data ?? []).map((t) => ({ value: t.id, label: t.name }))}
        agents={(members.data ?? []).map((m) => ({ value: m.userId, label: m.name }))}
      />
      <Loaded label="overview" query={overview}>
        {(data) => <OverviewCards data={data} query={query} />}
      </Loaded>
      <Loaded label="volume" query={volume}>
        {(data) => <VolumeSection data={data} query={query} />}
      </Loaded>
      <Loaded label="response times" query={times}>
        {(data) => <TimesSection data={data} query={query} />}
      </Loaded>
      <Loaded label="SLA" query={sla}>
        {(data) => <SlaSection data={data} query={query} />}
      </Loaded>
      <Loaded label="satisfaction" query={csat}>
        {(data) => <CsatSection data={data} query={query} />}
      </Loaded>
    </section>
  );
}
