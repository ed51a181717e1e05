// "Test against the last 100 tickets": what the rule as drafted would have done, changing nothing.
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { errorMessage, useTRPC } from "../../../lib/trpc";
import { Button, ErrorState } from "../../../ui";
import type { RuleCreate } from "./rule-form";

export function PreviewPanel({ draft }: { draft: RuleCreate }) {
  const trpc = useTRPC();
  const [tested, setTested] = useState<RuleCreate | null>(null);
  const preview = useQuery({
    ...trpc.automations.preview.queryOptions({
      trigger: (tested ?? draft).trigger,
      conditions: (tested ?? draft).conditions,
      actions: (tested ?? draft).actions,
    }),
    enabled: tested !== null,
    retry: false,
  });
  const matched = preview.data?.filter((row) => row.matched) ?? [];
  let body: React.ReactNode = null;
  if (tested && preview.isFetching) body = <p>Testing…</p>;
  else if (tested && preview.isError) body = <ErrorState message={errorMessage(preview.error)} />;
  else if (tested && preview.data) {
    body = (
      <>
        <p>{`It would have acted on ${matched.length} of the last ${preview.data.length} tickets.`}</p>
        {matched.length > 0 ? (
          <table className="sd-table auto-table">
            <caption className="visually-hidden">Tickets the rule would act on</caption>
            <thead>
              <tr>
                <th scope="col">Ticket</th>
                <th scope="col">Subject</th>
                <th scope="col">What it would do</th>
              </tr>
            </thead>
            <tbody>
              {matched.map((row) => (
                <tr key={row.ticketId}>
                  <td>{`#${row.number}`}</td>
                  <td>{row.subject}</td>
                  <td>
                    <ul className="auto-plain">
                      {row.actions.map((action) => (
                        <li key={action}>{action}</li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </>
    );
  }
  return (
    <section className="auto-preview" aria-label="Preview">
      <Button type="button" variant="secondary" onClick={() => setTested(structuredClone(draft))}>
        Test against the last 100 tickets
      </Button>
      <div aria-live="polite">{body}</div>
    </section>
  );
}
