// One SLA policy in the ordered list: its filters and targets in words; edit, move up or down
// (the first matching policy applies), delete.
import { useMutation } from "@tanstack/react-query";
import { useId, useState } from "react";
import { errorMessage, useTRPC } from "../../../lib/trpc";
import { Badge, Button } from "../../../ui";
import { ConfirmButton, InlineError } from "../shared";
import { PolicyForm, useRefreshPolicies } from "./PolicyForm";
import {
  duration,
  GRID_METRICS,
  GRID_PRIORITIES,
  METRIC_LABELS,
  type Policy,
  targetsOf,
} from "./policy-form";

export function PolicyCard({
  policy,
  order,
  index,
}: {
  policy: Policy;
  /** Every policy's id, in order (for moving this one). */
  order: string[];
  index: number;
}) {
  const trpc = useTRPC();
  const refresh = useRefreshPolicies();
  const titleId = useId();
  const [editing, setEditing] = useState(false);
  const remove = useMutation(trpc.sla.policies.delete.mutationOptions({ onSuccess: refresh }));
  const reorder = useMutation(trpc.sla.policies.reorder.mutationOptions({ onSuccess: refresh }));
  const move = (by: number) => {
    const ids = [...order];
    ids.splice(index, 1);
    ids.splice(index + by, 0, policy.id);
    reorder.mutate({ ids });
  };
  const targets = targetsOf(policy);
  if (editing) return <PolicyForm policy={policy} onDone={() => setEditing(false)} />;
  const filters = [
    policy.teamIds.length ? `${policy.teamIds.length} team(s)` : null,
    policy.tags.length ? `tags ${policy.tags.join(", ")}` : null,
  ].filter(Boolean);
  return (
    <article className="card sla-policy" aria-labelledby={titleId}>
      <header className="sd-card-head">
        <h3 id={titleId}>
          {index + 1}. {policy.name}
        </h3>
        {policy.enabled ? <Badge tone="success">Enabled</Badge> : <Badge>Disabled</Badge>}
      </header>
      {policy.description ? <p className="muted">{policy.description}</p> : null}
      <p className="small">
        Applies to {filters.length ? filters.join("; ") : "any ticket"}; warns {policy.warnMinutes}{" "}
        min before due.
      </p>
      <ul className="small sla-targets">
        {GRID_PRIORITIES.filter((p) => targets[p]).map((priority) => (
          <li key={priority}>
            <strong>{priority}</strong>:{" "}
            {GRID_METRICS.filter((m) => targets[priority]?.[m])
              .map((metric) => {
                const target = targets[priority]?.[metric];
                return target
                  ? `${METRIC_LABELS[metric]} ${duration(target.minutes)} (${target.businessHours ? "business" : "calendar"} time)`
                  : "";
              })
              .join(" · ")}
          </li>
        ))}
      </ul>
      {remove.error || reorder.error ? (
        <InlineError message={errorMessage(remove.error ?? reorder.error)} />
      ) : null}
      <div className="sd-actions">
        <Button type="button" variant="secondary" onClick={() => setEditing(true)}>
          Edit
        </Button>
        <Button
          type="button"
          variant="ghost"
          disabled={index === 0 || reorder.isPending}
          aria-label={`Move ${policy.name} up`}
          onClick={() => move(-1)}
        >
          Move up
        </Button>
        <Button
          type="button"
          variant="ghost"
          disabled={index === order.length - 1 || reorder.isPending}
          aria-label={`Move ${policy.name} down`}
          onClick={() => move(1)}
        >
          Move down
        </Button>
        <ConfirmButton
          label="Delete"
          question={`Delete “${policy.name}”? Tickets keep their clocks as history.`}
          confirmLabel="Delete policy"
          variant="danger"
          busy={remove.isPending}
          onConfirm={() => remove.mutate({ id: policy.id })}
        />
      </div>
    </article>
  );
}
