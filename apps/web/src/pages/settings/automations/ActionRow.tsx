// One action of the rule builder: its type and what it needs ("[Set team] [Billing]"), labelled.
import { TICKET_PRIORITIES, TICKET_STATUSES } from "@supportdesk/domain";
import { Button } from "../../../ui";
import type { Choices } from "./Builder";
import { ACTIONS, type Action, type ActionType, blankAction } from "./rule-form";

const words = (value: string) => value.charAt(0).toUpperCase() + value.slice(1);
const splitTags = (raw: string) =>
  raw
    .split(",")
    .map((t) => t.trim().toLowerCase())
    .filter(Boolean);

function Labelled(props: { label: string; wide?: boolean; children: React.ReactNode }) {
  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: its children are always the one control
    <label className={props.wide ? "auto-control auto-wide" : "auto-control"}>
      <span className="visually-hidden">{props.label}</span>
      {props.children}
    </label>
  );
}

function Details({
  n,
  action,
  choices,
  onChange,
}: {
  n: number;
  action: Action;
  choices: Choices;
  onChange: (action: Action) => void;
}) {
  const label = (what: string) => `Action ${n} ${what}`;
  switch (action.type) {
    case "set_status":
    case "set_priority": {
      const values = action.type === "set_status" ? TICKET_STATUSES : TICKET_PRIORITIES;
      return (
        <Labelled label={label("value")}>
          <select
            value={action.value}
            onChange={(e) => onChange({ ...action, value: e.target.value } as Action)}
          >
            {values.map((v) => (
              <option key={v} value={v}>
                {words(v)}
              </option>
            ))}
          </select>
        </Labelled>
      );
    }
    case "set_assignee":
      return (
        <Labelled label={label("person")}>
          <select
            value={action.userId ?? ""}
            onChange={(e) => onChange({ ...action, userId: e.target.value || null })}
          >
            <option value="">Nobody (unassign)</option>
            {choices.people.map((p) => (
              <option key={p.userId} value={p.userId}>
                {p.name}
              </option>
            ))}
          </select>
        </Labelled>
      );
    case "set_team":
      return (
        <Labelled label={label("team")}>
          <select
            value={action.teamId ?? ""}
            onChange={(e) => onChange({ ...action, teamId: e.target.value || null })}
          >
            <option value="">No team</option>
            {choices.teams.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </Labelled>
      );
    case "add_tags":
    case "remove_tags":
      return (
        <Labelled label={label("tags, separated by commas")}>
          <input
            defaultValue={action.tags.join(", ")}
            placeholder="billing, vip"
            onChange={(e) => onChange({ ...action, tags: splitTags(e.target.value) })}
          />
        </Labelled>
      );
    case "set_field": {
      const field = choices.fields.find((f) => f.id === action.fieldId);
      return (
        <>
          <Labelled label={label("field")}>
            <select
              value={action.fieldId}
              onChange={(e) => onChange({ ...action, fieldId: e.target.value, value: "" })}
            >
              <option value="">Choose a field…</option>
              {choices.fields.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.label}
                </option>
              ))}
            </select>
          </Labelled>
          <Labelled label={label("field value")}>
            <input
              type={field?.type === "number" ? "number" : "text"}
              value={String(action.value ?? "")}
              onChange={(e) =>
                onChange({
                  ...action,
                  value:
                    field?.type === "number" && e.target.value !== ""
                      ? Number(e.target.value)
                      : e.target.value,
                })
              }
            />
          </Labelled>
        </>
      );
    }
    case "add_note":
      return (
        <Labelled label={label("note")} wide>
          <textarea
            rows={2}
            value={action.body}
            onChange={(e) => onChange({ ...action, body: e.target.value })}
          />
        </Labelled>
      );
    case "email_customer":
      return (
        <>
          <Labelled label={label("email subject")} wide>
            <input
              value={action.subject}
              placeholder="Subject"
              onChange={(e) => onChange({ ...action, subject: e.target.value })}
            />
          </Labelled>
          <Labelled label={label("email body")} wide>
            <textarea
              rows={3}
              value={action.body}
              placeholder="Hi {{customer.name}}, about #{{ticket.number}} {{ticket.subject}}…"
              onChange={(e) => onChange({ ...action, body: e.target.value })}
            />
          </Labelled>
        </>
      );
    case "notify": {
      const toggle = (list: string[] | undefined, id: string, on: boolean) =>
        on ? [...(list ?? []), id] : (list ?? []).filter((x) => x !== id);
      return (
        <>
          <fieldset className="auto-checks">
            <legend>{`Action ${n}: who`}</legend>
            {choices.people.map((p) => (
              <label key={p.userId} className="sd-check">
                <input
                  type="checkbox"
                  checked={action.userIds?.includes(p.userId) ?? false}
                  onChange={(e) =>
                    onChange({
                      ...action,
                      userIds: toggle(action.userIds, p.userId, e.target.checked),
                    })
                  }
                />
                {p.name}
              </label>
            ))}
            {choices.teams.map((t) => (
              <label key={t.id} className="sd-check">
                <input
                  type="checkbox"
                  checked={action.teamIds?.includes(t.id) ?? false}
                  onChange={(e) =>
                    onChange({ ...action, teamIds: toggle(action.teamIds, t.id, e.target.checked) })
                  }
                />
                {`Team ${t.name}`}
              </label>
            ))}
          </fieldset>
          <Labelled label={label("message")} wide>
            <input
              value={action.message}
              placeholder="Message"
              onChange={(e) => onChange({ ...action, message: e.target.value })}
            />
          </Labelled>
        </>
      );
    }
    case "webhook":
      return (
        <Labelled label={label("URL")} wide>
          <input
            type="url"
            value={action.url}
            onChange={(e) => onChange({ ...action, url: e.target.value })}
          />
        </Labelled>
      );
  }
}

export function ActionRow(props: {
  index: number;
  action: Action;
  choices: Choices;
  onChange: (action: Action) => void;
  onRemove: () => void;
}) {
  const n = props.index + 1;
  return (
    <li className="auto-row">
      <Labelled label={`Action ${n}`}>
        <select
          value={props.action.type}
          onChange={(e) => props.onChange(blankAction(e.target.value as ActionType))}
        >
          {Object.entries(ACTIONS).map(([type, label]) => (
            <option key={type} value={type}>
              {label}
            </option>
          ))}
        </select>
      </Labelled>
      <Details n={n} action={props.action} choices={props.choices} onChange={props.onChange} />
      <Button
        type="button"
        variant="ghost"
        className="sd-small"
        aria-label={`Remove action ${n}`}
        onClick={props.onRemove}
      >
        Remove
      </Button>
    </li>
  );
}
