// One API key in the list: its role, who made it, its state; revoking it, and then the keys it had
// made that still work (a compromised key's offspring are suspect too).
import type { RouterOutputs } from "@supportdesk/trpc";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { errorMessage, useTRPC, useTRPCClient } from "../../lib/trpc";
import { Badge, Button } from "../../ui";
import { Ago, ConfirmButton, InlineError, When } from "./shared";

type ApiKey = RouterOutputs["apiKeys"]["list"][number];
type CreatedKey = RouterOutputs["apiKeys"]["revoke"]["createdKeys"][number];

const COLUMNS = 8;

/** "This key had created 2 keys that still work: A (sdk_ab_…), B (sdk_cd_…)." */
export function createdKeysNotice(keys: readonly CreatedKey[], revoked: number): string {
  const names = keys.map((k) => `${k.name} (sdk_${k.prefix}_…)`).join(", ");
  const subject = revoked === 1 ? "This key" : "These keys";
  const count =
    keys.length === 1 ? "1 key that still works" : `${keys.length} keys that still work`;
  return `${subject} had created ${count}: ${names}.`;
}

function CreatedBy({ createdBy }: { createdBy: ApiKey["createdBy"] }) {
  if (!createdBy) return <span className="sd-muted">—</span>;
  if (createdBy.type === "user") return <>{createdBy.name}</>;
  return (
    <>
      <span className="sd-muted">API key </span>
      {createdBy.name}
    </>
  );
}

export function KeyRow({ apiKey }: { apiKey: ApiKey }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  /** Still-working keys made by what was just revoked, and how many keys that was. */
  const [offspring, setOffspring] = useState<{ keys: CreatedKey[]; from: number } | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.apiKeys.list.queryKey() });
  const revoke = useMutation(
    trpc.apiKeys.revoke.mutationOptions({
      onSuccess: (data) => {
        setOffspring(data.createdKeys.length > 0 ? { keys: data.createdKeys, from: 1 } : null);
        return refresh();
      },
    }),
  );
  // One at a time: each answer may name keys that one made in turn, asked about next.
  const revokeOffspring = useMutation({
    mutationFn: async (keys: CreatedKey[]) => {
      const next = new Map<string, CreatedKey>();
      for (const key of keys) {
        const answer = await client.apiKeys.revoke.mutate({ id: key.id });
        for (const created of answer.createdKeys) next.set(created.id, created);
      }
      return { keys: [...next.values()], from: keys.length };
    },
    onSuccess: (result) => setOffspring(result.keys.length > 0 ? result : null),
    onSettled: refresh,
  });
  const expired = apiKey.expiresAt ? new Date(apiKey.expiresAt).getTime() <= Date.now() : false;
  const error = revoke.error ?? revokeOffspring.error;
  return (
    <>
      <tr className={apiKey.revokedAt ? "sd-row-dim" : undefined}>
        <th scope="row" data-label="Name">
          {apiKey.name}
        </th>
        <td data-label="Prefix">
          <code>sdk_{apiKey.prefix}_…</code>
        </td>
        <td data-label="Role">{apiKey.roleName}</td>
        <td data-label="Created by">
          <CreatedBy createdBy={apiKey.createdBy} />
        </td>
        <td data-label="Last used">
          {apiKey.lastUsedAt ? (
            <Ago value={apiKey.lastUsedAt} />
          ) : (
            <span className="sd-muted">Never</span>
          )}
        </td>
        <td data-label="Expires">
          <When value={apiKey.expiresAt} empty="Never" />
        </td>
        <td data-label="Status">
          {apiKey.revokedAt ? (
            <Badge tone="urgent">
              Revoked <When value={apiKey.revokedAt} />
            </Badge>
          ) : expired ? (
            <Badge tone="closed">Expired</Badge>
          ) : (
            <Badge tone="resolved">Active</Badge>
          )}
        </td>
        <td className="sd-row-actions">
          {apiKey.revokedAt ? null : (
            <ConfirmButton
              label="Revoke"
              aria-label={`Revoke ${apiKey.name}`}
              question="Revoke this key? Integrations using it stop working at once."
              confirmLabel="Revoke"
              variant="ghost"
              busy={revoke.isPending}
              onConfirm={() => revoke.mutate({ id: apiKey.id })}
            />
          )}
        </td>
      </tr>
      {offspring ? (
        <tr className="sd-row-error">
          <td colSpan={COLUMNS}>
            <div className="sd-actions">
              <span role="status">
                {createdKeysNotice(offspring.keys, offspring.from)} Revoke them too?
              </span>
              <Button
                type="button"
                variant="danger"
                className="btn btn-danger sd-small"
                busy={revokeOffspring.isPending}
                onClick={() => revokeOffspring.mutate(offspring.keys)}
              >
                Revoke them too
              </Button>
              <Button
                type="button"
                variant="ghost"
                className="btn btn-ghost sd-small"
                onClick={() => setOffspring(null)}
              >
                Keep them
              </Button>
            </div>
          </td>
        </tr>
      ) : null}
      {error ? (
        <tr className="sd-row-error">
          <td colSpan={COLUMNS}>
            <InlineError message={errorMessage(error)} />
          </td>
        </tr>
      ) : null}
    </>
  );
}
