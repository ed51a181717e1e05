// The rule builder's rows: one condition ("[Priority] [is] [Urgent]") and one action ("[Set team]
// [Billing]"), each control labelled for screen readers, with the choices the tenant has.
import { TICKET_CHANNELS, TICKET_PRIORITIES, TICKET_STATUSES } from "@supportdesk/domain";
import type { ReactNode } from "react";
import { Button } from "../../../ui";
import {
  blankCondition,
  type Condition,
  FIELDS,
  isList,
  needsValue,
  OPS,
  opsFor,
} from "./rule-form";

/** What the pickers offer: the tenant's people who work tickets, teams and custom fields. */
export type Choices = {
  people: { userId: string; name: string }[];
  teams: { id: string; name: string }[];
  fields: { id: string; label: string; type: string; options: string[] }[];
};

const words = (value: string) => value.charAt(0).toUpperCase() + value.slice(1);

function Select(props: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  children: ReactNode;
}) {
  return (
    <label className="auto-control">
      <span className="visually-hidden">{props.label}</span>
      <select value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        {props.children}
      </select>
    </label>
  );
}

function Text(props: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  type?: string;
  placeholder?: string;
  wide?: boolean;
}) {
  return (
    <label className={props.wide ? "auto-control auto-wide" : "auto-control"}>
      <span className="visually-hidden">{props.label}</span>
      <input
        type={props.type ?? "text"}
        value={props.value}
        placeholder={props.placeholder}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </label>
  );
}

/** The values a field's condition can compare with, when it is a fixed list. */
function choicesFor(field: string, choices: Choices): [string, string][] | null {
  switch (field) {
    case "status":
      return TICKET_STATUSES.map((s) => [s, words(s)]);
    case "priority":
      return TICKET_PRIORITIES.map((p) => [p, words(p)]);
    case "channel":
      return TICKET_CHANNELS.map((c) => [c, c === "helpcentre" ? "Help centre" : words(c)]);
    case "message.author":
      return [
        ["customer", "Customer"],
        ["agent", "Agent"],
        ["note", "Internal note"],
      ];
    case "assignee":
      return [
        ["none", "Nobody"],
        ...choices.people.map((p): [string, string] => [p.userId, p.name]),
      ];
    case "team":
      return [["none", "No team"], ...choices.teams.map((t): [string, string] => [t.id, t.name])];
    case "csat.rating":
      return ["1", "2", "3", "4", "5"].map((r) => [r, r]);
    case "businessHours":
      return [
        ["true", "Yes"],
        ["false", "No"],
      ];
    default:
      return null;
  }
}

function parseValue(field: string, raw: string, fieldType?: string): Condition["value"] {
  if (field === "businessHours") return raw === "true";
  if (field === "csat.rating" || fieldType === "number") {
    return raw === "" || Number.isNaN(Number(raw)) ? raw : Number(raw);
  }
  return raw;
}

export function ConditionRow(props: {
  index: number;
  condition: Condition;
  choices: Choices;
  onChange: (condition: Condition) => void;
  onRemove: () => void;
}) {
  const { condition, choices, index } = props;
  const custom = choices.fields.find((f) => `field:${f.id}` === condition.field);
  const ops = opsFor(condition.field, custom?.type);
  const fixed = choicesFor(condition.field, choices);
  const n = index + 1;
  const list = Array.isArray(condition.value) ? condition.value.map(String) : [];
  let value: ReactNode = null;
  if (needsValue(condition.op)) {
    if (fixed && isList(condition.op)) {
      value = (
        <label className="auto-control">
          <span className="visually-hidden">{`Condition ${n} values`}</span>
          <select
            multiple
            value={list}
            onChange={(e) =>
              props.onChange({
                ...condition,
                value: [...e.target.selectedOptions].map((o) => o.value),
              })
            }
          >
            {fixed.map(([v, label]) => (
              <option key={v} value={v}>
                {label}
              </option>
            ))}
          </select>
        </label>
      );
    } else if (fixed) {
      value = (
        <Select
          label={`Condition ${n} value`}
          value={String(condition.value ?? "")}
          onChange={(raw) =>
            props.onChange({ ...condition, value: parseValue(condition.field, raw) })
          }
        >
          <option value="">Choose…</option>
          {fixed.map(([v, label]) => (
            <option key={v} value={v}>
              {label}
            </option>
          ))}
        </Select>
      );
    } else {
      value = (
        <Text
          label={`Condition ${n} value`}
          type={custom?.type === "number" ? "number" : "text"}
          value={
            Array.isArray(condition.value)
              ? condition.value.join(", ")
              : String(condition.value ?? "")
          }
          onChange={(raw) =>
            props.onChange({ ...condition, value: parseValue(condition.field, raw, custom?.type) })
          }
        />
      );
    }
  }
  return (
    <li className="auto-row">
      <Select
        label={`Condition ${n} field`}
        value={condition.field}
        onChange={(field) => props.onChange(blankCondition(field))}
      >
        {Object.entries(FIELDS).map(([key, label]) => (
          <option key={key} value={key}>
            {label}
          </option>
        ))}
        {choices.fields.map((f) => (
          <option key={f.id} value={`field:${f.id}`}>
            {`Field: ${f.label}`}
          </option>
        ))}
      </Select>
      <Select
        label={`Condition ${n} operator`}
        value={condition.op}
        onChange={(op) =>
          props.onChange({
            ...condition,
            op: op as Condition["op"],
            value: isList(op)
              ? []
              : needsValue(op)
                ? isList(condition.op)
                  ? ""
                  : condition.value
                : undefined,
          })
        }
      >
        {ops.map((op) => (
          <option key={op} value={op}>
            {OPS[op]}
          </option>
        ))}
      </Select>
      {value}
      <Button
        type="button"
        variant="ghost"
        className="sd-small"
        aria-label={`Remove condition ${n}`}
        onClick={props.onRemove}
      >
        Remove
      </Button>
    </li>
  );
}
