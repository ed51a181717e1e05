// Settings → Business hours: the tenant's calendars (time zone, weekly hours, holidays), one of
// them the default; those with `sla.manage` create, edit, make default and delete them.
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { errorMessage, useTRPC } from "../../../lib/trpc";
import { useCan } from "../../../lib/use-can";
import { Button, EmptyState, ErrorState, Spinner } from "../../../ui";
import { PageHeader } from "../shared";
import { CalendarCard } from "./CalendarCard";
import { CalendarForm } from "./CalendarForm";
import "./business-hours.css";

export function BusinessHoursPage() {
  const canManage = useCan("sla.manage");
  return (
    <>
      <PageHeader title="Business hours">
        When your team works, in its time zone, with holidays. SLA targets in business time only
        count down while one of these calendars is open.
      </PageHeader>
      {canManage ? (
        <Calendars />
      ) : (
        <EmptyState title="Admins manage business hours">
          Ask an admin or owner of this organisation to change them.
        </EmptyState>
      )}
    </>
  );
}

function Calendars() {
  const trpc = useTRPC();
  const calendars = useQuery(trpc.businessHours.list.queryOptions());
  const [creating, setCreating] = useState(false);

  let list: React.ReactNode;
  if (calendars.isPending) list = <Spinner label="Loading business hours" />;
  else if (calendars.isError) {
    list = (
      <ErrorState message={errorMessage(calendars.error)} onRetry={() => calendars.refetch()} />
    );
  } else if (calendars.data.length === 0) {
    list = (
      <EmptyState title="No business hours yet">
        Without them, SLA targets count every hour of every day. Create one and make it the default.
      </EmptyState>
    );
  } else {
    list = (
      <div className="sd-roles">
        {calendars.data.map((calendar) => (
          <CalendarCard key={calendar.id} calendar={calendar} />
        ))}
      </div>
    );
  }
  return (
    <>
      {creating ? (
        <CalendarForm onDone={() => setCreating(false)} />
      ) : (
        <div>
          <Button type="button" onClick={() => setCreating(true)}>
            New business hours
          </Button>
        </div>
      )}
      {list}
    </>
  );
}
