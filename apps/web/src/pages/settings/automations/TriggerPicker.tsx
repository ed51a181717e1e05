// The rule's "When …" part: what happens (created, updated, message, time, rating) and its options.
import { MESSAGE_FROM, TIME_AFTER, TRIGGERS, type Trigger, UPDATED_FIELDS } from "./rule-form";

function first(type: Trigger["type"]): Trigger {
  switch (type) {
    case "ticket.updated":
      return { type, fields: [] };
    case "message.received":
      return { type, from: "customer" };
    case "time":
      return { type, after: "pending", minutes: 60 };
    default:
      return { type };
  }
}

export function TriggerPicker({
  trigger,
  onChange,
}: {
  trigger: Trigger;
  onChange: (trigger: Trigger) => void;
}) {
  return (
    <fieldset className="auto-group">
      <legend className="auto-sentence">When</legend>
      <div className="auto-row">
        <label className="auto-control">
          <span className="visually-hidden">Trigger</span>
          <select
            value={trigger.type}
            onChange={(e) => onChange(first(e.target.value as Trigger["type"]))}
          >
            {Object.entries(TRIGGERS).map(([type, label]) => (
              <option key={type} value={type}>
                {label}
              </option>
            ))}
          </select>
        </label>
        {trigger.type === "message.received" ? (
          <label className="auto-control">
            <span className="visually-hidden">Message from</span>
            <select
              value={trigger.from}
              onChange={(e) =>
                onChange({ ...trigger, from: e.target.value as typeof trigger.from })
              }
            >
              {Object.entries(MESSAGE_FROM).map(([from, label]) => (
                <option key={from} value={from}>
                  {label}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        {trigger.type === "time" ? (
          <>
            <label className="auto-control">
              <span className="visually-hidden">Minutes</span>
              <input
                type="number"
                min={1}
                max={525600}
                value={trigger.minutes}
                onChange={(e) => onChange({ ...trigger, minutes: Number(e.target.value) })}
              />
            </label>
            <label className="auto-control">
              <span className="visually-hidden">Counted from</span>
              <select
                value={trigger.after}
                onChange={(e) =>
                  onChange({ ...trigger, after: e.target.value as typeof trigger.after })
                }
              >
                {Object.entries(TIME_AFTER).map(([after, label]) => (
                  <option key={after} value={after}>
                    {label}
                  </option>
                ))}
              </select>
            </label>
          </>
        ) : null}
      </div>
      {trigger.type === "ticket.updated" ? (
        <fieldset className="auto-checks">
          <legend>Only when one of these changes (none ticked: any change)</legend>
          {Object.entries(UPDATED_FIELDS).map(([field, label]) => {
            const key = field as keyof typeof UPDATED_FIELDS;
            const fields = trigger.fields ?? [];
            return (
              <label key={field} className="sd-check">
                <input
                  type="checkbox"
                  checked={fields.includes(key)}
                  onChange={(e) =>
                    onChange({
                      ...trigger,
                      fields: e.target.checked ? [...fields, key] : fields.filter((f) => f !== key),
                    })
                  }
                />
                {label}
              </label>
            );
          })}
        </fieldset>
      ) : null}
    </fieldset>
  );
}
