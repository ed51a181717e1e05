// Reports' controls: range presets and custom dates, interval, time zone and filters — each a
// change to the URL's search params, which the page reads back.
import type { ReactNode } from "react";
import { Field, SelectField } from "../../ui";
import { browserZone, INTERVALS, PRESETS, type ReportQuery, withParams } from "./params";

type Option = { value: string; label: string };

export function Controls(props: {
  params: URLSearchParams;
  query: ReportQuery;
  setParams: (next: URLSearchParams) => void;
  teams: Option[];
  agents: Option[];
}) {
  const { params, query } = props;
  const set = (changes: Record<string, string | null>) =>
    props.setParams(withParams(params, changes));
  const custom = params.has("from") && params.has("to");
  const zones = [...new Set([browserZone(), "UTC", ...supportedZones()])];
  const select = (label: string, key: string, options: Option[], none: string): ReactNode => (
    <SelectField
      label={label}
      value={params.get(key) ?? ""}
      onChange={(e) => set({ [key]: e.target.value })}
    >
      <option value="">{none}</option>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </SelectField>
  );
  return (
    <form
      className="sd-report-controls"
      aria-label="Report range and filters"
      onSubmit={(e) => e.preventDefault()}
    >
      <fieldset>
        <legend>Range</legend>
        {PRESETS.map((days) => (
          <label key={days}>
            <input
              type="radio"
              name="range"
              checked={
                !custom && query.from !== "" && (params.get("range") ?? "30") === String(days)
              }
              onChange={() => set({ range: String(days), from: null, to: null })}
            />
            Last {days} days
          </label>
        ))}
        <Field
          label="From"
          type="date"
          value={query.from}
          max={query.to}
          onChange={(e) => set({ from: e.target.value, to: query.to, range: null })}
        />
        <Field
          label="To"
          type="date"
          value={query.to}
          min={query.from}
          onChange={(e) => set({ from: query.from, to: e.target.value, range: null })}
        />
      </fieldset>
      <SelectField
        label="Interval"
        value={query.interval}
        onChange={(e) => set({ interval: e.target.value })}
      >
        {INTERVALS.map((i) => (
          <option key={i} value={i}>
            By {i}
          </option>
        ))}
      </SelectField>
      <SelectField
        label="Time zone"
        value={query.timezone}
        onChange={(e) => set({ tz: e.target.value })}
      >
        {zones.map((zone) => (
          <option key={zone} value={zone}>
            {zone}
          </option>
        ))}
      </SelectField>
      {select("Team", "teamId", props.teams, "All teams")}
      {select("Agent", "assigneeId", props.agents, "All agents")}
      {select(
        "Channel",
        "channel",
        [
          { value: "email", label: "Email" },
          { value: "helpcentre", label: "Help centre" },
          { value: "agent", label: "Agent" },
        ],
        "All channels",
      )}
      <Field
        label="Tag"
        defaultValue={params.get("tag") ?? ""}
        onBlur={(e) => set({ tag: e.target.value.trim().toLowerCase() || null })}
        onKeyDown={(e) => {
          if (e.key === "Enter") set({ tag: e.currentTarget.value.trim().toLowerCase() || null });
        }}
      />
    </form>
  );
}

function supportedZones(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  return intl.supportedValuesOf?.("timeZone") ?? [];
}
