// Settings → Email → Your own addresses: the addresses customers already write to (help@…) that
// forward to the support address, each with the inquiry type and assignee its new tickets get.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { assignableMembers, useRoles } from "../../../lib/roles";
import { errorMessage, useTRPC } from "../../../lib/trpc";
import { useSavedFlag } from "../../../lib/use-saved-flag";
import { Button, Field, SelectField } from "../../../ui";
import { InlineError, messageFor } from "../shared";
import {
  type AddressRow,
  addAddressRow,
  addressesUpdate,
  addressRowsOf,
  type EmailSettings,
  MAX_OWN_ADDRESSES,
} from "./form";

export function OwnAddresses({ settings }: { settings: EmailSettings }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [rows, setRows] = useState<AddressRow[]>(() => addressRowsOf(settings));
  const [saved, setSaved] = useSavedFlag();
  // Inquiry types live with the help centre's settings; without that permission, none are offered.
  const helpCentre = useQuery({ ...trpc.helpCentre.settings.get.queryOptions(), retry: false });
  const members = useQuery(
    trpc.tenants.members.list.queryOptions(undefined, { staleTime: 60_000 }),
  );
  const agents = assignableMembers(members.data ?? [], useRoles().data);
  const types = helpCentre.data?.inquiryTypes ?? [];
  const update = useMutation(
    trpc.email.settings.update.mutationOptions({
      onSuccess: (next) => {
        queryClient.setQueryData(trpc.email.settings.get.queryKey(), next);
        setRows(addressRowsOf(next));
        setSaved(true);
      },
    }),
  );
  const set = (key: string, changes: Partial<AddressRow>) => {
    setSaved(false);
    setRows((current) => current.map((r) => (r.key === key ? { ...r, ...changes } : r)));
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate(addressesUpdate(rows));
  };
  const errorFor = (name: string) => messageFor(update.error, name);
  const rowError = rows.some((_, i) =>
    ["address", "inquiryTypeId", "assigneeId"].some((f) => errorFor(`addresses.${i}.${f}`)),
  );
  return (
    <form
      className="card sd-form sd-email-own"
      onSubmit={submit}
      noValidate
      aria-labelledby="own-title"
    >
      <h3 id="own-title">Your own addresses</h3>
      <p className="hint">
        Addresses on your own domain that forward to your support address. New tickets sent to one
        get its inquiry type (priority and tags) and go to its assignee; it is never copied on
        replies.
      </p>
      {rows.length === 0 ? <p className="sd-muted">No addresses yet.</p> : null}
      {rows.map((row, index) => (
        <fieldset key={row.key} className="sd-email-own-row">
          <legend>{row.address.trim() || `Address ${index + 1}`}</legend>
          <Field
            label="Address"
            type="email"
            value={row.address}
            maxLength={254}
            placeholder="help@yourcompany.com"
            onChange={(event) => set(row.key, { address: event.target.value })}
            error={errorFor(`addresses.${index}.address`)}
          />
          <SelectField
            label="Inquiry type"
            value={row.inquiryTypeId}
            onChange={(event) => set(row.key, { inquiryTypeId: event.target.value })}
            error={errorFor(`addresses.${index}.inquiryTypeId`)}
          >
            <option value="">None</option>
            {types.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </SelectField>
          <SelectField
            label="Assign new tickets to"
            value={row.assigneeId}
            onChange={(event) => set(row.key, { assigneeId: event.target.value })}
            error={errorFor(`addresses.${index}.assigneeId`)}
          >
            <option value="">Nobody</option>
            {agents.map((a) => (
              <option key={a.userId} value={a.userId}>
                {a.name}
              </option>
            ))}
          </SelectField>
          <Button
            type="button"
            variant="ghost"
            onClick={() => {
              setSaved(false);
              setRows((current) => current.filter((r) => r.key !== row.key));
            }}
          >
            Remove {row.address.trim() || `address ${index + 1}`}
          </Button>
        </fieldset>
      ))}
      <Button
        type="button"
        variant="secondary"
        disabled={rows.length >= MAX_OWN_ADDRESSES}
        onClick={() => setRows(addAddressRow)}
      >
        Add an address
      </Button>
      {update.error && !rowError ? <InlineError message={errorMessage(update.error)} /> : null}
      <div className="sd-actions">
        <Button type="submit" busy={update.isPending}>
          Save addresses
        </Button>
        <span role="status" className="sd-saved">
          {saved ? "Saved." : ""}
        </span>
      </div>
    </form>
  );
}
