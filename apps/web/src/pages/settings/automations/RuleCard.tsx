// One rule in Settings → Automations' ordered list: its sentence, on/off, up/down, edit, delete.
import { useMutation } from "@tanstack/react-query";
import { useId, useState } from "react";
import { errorMessage, useTRPC } from "../../../lib/trpc";
import { Badge, Button } from "../../../ui";
import { ConfirmButton, InlineError } from "../shared";
import { RuleForm, useRefreshRules } from "./RuleForm";
import { ACTIONS, FIELDS, OPS, type Rule, triggerSentence } from "./rule-form";

function conditionWords(rule: Rule): string {
  const say = (c: Rule["conditions"]["all"][number]) =>
    `${FIELDS[c.field] ?? "a custom field"} ${OPS[c.op]}${c.value !== undefined ? ` ${Array.isArray(c.value) ? c.value.join(" or ") : String(c.value)}` : ""}`;
  const parts = [];
  if (rule.conditions.all.length) parts.push(`all of: ${rule.conditions.all.map(say).join("; ")}`);
  if (rule.conditions.any.length) parts.push(`any of: ${rule.conditions.any.map(say).join("; ")}`);
  return parts.length ? parts.join(", and ") : "always";
}

export function RuleCard(props: {
  rule: Rule;
  first: boolean;
  last: boolean;
  onMove: (direction: -1 | 1) => void;
  moving: boolean;
}) {
  const { rule } = props;
  const trpc = useTRPC();
  const refresh = useRefreshRules();
  const titleId = useId();
  const [editing, setEditing] = useState(false);
  const toggle = useMutation(trpc.automations.toggle.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(trpc.automations.delete.mutationOptions({ onSuccess: refresh }));
  if (editing) return <RuleForm rule={rule} onDone={() => setEditing(false)} />;
  const error = toggle.error ?? remove.error;
  return (
    <li className="card auto-card" aria-labelledby={titleId}>
      <div className="sd-role-head">
        <h4 id={titleId}>{rule.name}</h4>
        <Badge tone={rule.enabled ? "success" : "neutral"}>{rule.enabled ? "On" : "Off"}</Badge>
        <span className="sd-role-actions">
          <Button
            type="button"
            variant="ghost"
            className="sd-small"
            aria-label={`Move ${rule.name} up`}
            disabled={props.first || props.moving}
            onClick={() => props.onMove(-1)}
          >
            ↑ Up
          </Button>
          <Button
            type="button"
            variant="ghost"
            className="sd-small"
            aria-label={`Move ${rule.name} down`}
            disabled={props.last || props.moving}
            onClick={() => props.onMove(1)}
          >
            ↓ Down
          </Button>
          <label className="sd-check">
            <input
              type="checkbox"
              checked={rule.enabled}
              disabled={toggle.isPending}
              onChange={(e) => toggle.mutate({ id: rule.id, enabled: e.target.checked })}
            />
            <span>{`Rule ${rule.name} is on`}</span>
          </label>
          <Button
            type="button"
            variant="secondary"
            className="sd-small"
            aria-label={`Edit ${rule.name}`}
            onClick={() => setEditing(true)}
          >
            Edit
          </Button>
          <ConfirmButton
            label="Delete"
            aria-label={`Delete ${rule.name}`}
            question={`Delete “${rule.name}” and its run log?`}
            confirmLabel="Delete"
            variant="ghost"
            busy={remove.isPending}
            onConfirm={() => remove.mutate({ id: rule.id })}
          />
        </span>
      </div>
      {rule.description ? <p className="sd-role-description">{rule.description}</p> : null}
      <p className="auto-summary">
        <strong>{triggerSentence(rule.trigger)}</strong>
        {`, when ${conditionWords(rule)}: `}
        {rule.actions.map((a) => ACTIONS[a.type]).join(", ")}.
      </p>
      <InlineError message={error ? errorMessage(error) : null} />
    </li>
  );
}
