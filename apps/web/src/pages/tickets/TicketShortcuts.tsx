// The ticket page's keys: r reply, n internal note, a assign to me, e close. Each does only what
// the role allows (the server still checks); the outcome is announced to screen readers.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useShortcuts } from "../../lib/shortcuts";
import { errorMessage, useTRPC } from "../../lib/trpc";
import { useCan } from "../../lib/use-can";
import { useSession } from "../../lib/use-session";
import { invalidateTicketQueries, type TicketDetail } from "./shared";

/** Puts the composer in reply (`note` false) or note mode and focuses its text box. */
export function focusComposer(note: boolean): boolean {
  const form = document.querySelector<HTMLFormElement>("form.composer");
  const box = form?.querySelector("textarea");
  if (!form || !box) return false;
  const toggle = [...form.querySelectorAll<HTMLInputElement>("input[type=checkbox]")].find(
    (input) => input.closest("label")?.textContent?.includes("Internal note"),
  );
  if (toggle && toggle.checked !== note) toggle.click();
  box.focus();
  return true;
}

export function TicketShortcuts({ ticket }: { ticket: TicketDetail }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const session = useSession();
  const canAssign = useCan("ticket.assign");
  const canUpdate = useCan("ticket.update");
  const [said, setSaid] = useState("");
  const update = useMutation(
    trpc.tickets.update.mutationOptions({
      onSuccess: async (_, input) => {
        setSaid(input.status === "closed" ? "Ticket closed." : "Assigned to you.");
        await invalidateTicketQueries(queryClient, ticket.id);
      },
      onError: (error) => setSaid(`Not saved: ${errorMessage(error)}`),
    }),
  );
  const me = session?.user.id;
  useShortcuts({
    r: () => {
      if (!focusComposer(false)) setSaid("You can't reply to this ticket.");
    },
    n: () => {
      if (!focusComposer(true)) setSaid("You can't add notes to this ticket.");
    },
    a: () => {
      if (!canAssign || !me) return setSaid("You can't assign tickets.");
      if (ticket.assigneeId === me) return setSaid("Already assigned to you.");
      update.mutate({ id: ticket.id, assigneeId: me });
    },
    e: () => {
      if (!canUpdate) return setSaid("You can't change this ticket's status.");
      if (ticket.status === "closed") return setSaid("Already closed.");
      update.mutate({ id: ticket.id, status: "closed" });
    },
  });
  return (
    <p className="visually-hidden" aria-live="polite">
      {said}
    </p>
  );
}
