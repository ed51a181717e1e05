// Settings → Canned replies: the team's shared canned replies and the agent's own, each with its
// text and what it also does; anyone who replies keeps their own, and those with macro.manage
// create, edit and delete the shared ones. In a reply, `/` and a name inserts one.
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { errorMessage, useTRPC } from "../../../lib/trpc";
import { useCan } from "../../../lib/use-can";
import { Button, EmptyState, ErrorState, Spinner } from "../../../ui";
import { PageHeader } from "../shared";
import { MacroCard } from "./MacroCard";
import { type Macro, MacroForm } from "./MacroForm";
import "./macros.css";

export function MacrosPage() {
  const trpc = useTRPC();
  const canManage = useCan("macro.manage");
  const macros = useQuery(trpc.macros.list.queryOptions());
  const [creating, setCreating] = useState(false);

  let list: React.ReactNode;
  if (macros.isPending) list = <Spinner label="Loading canned replies" />;
  else if (macros.isError) {
    list = <ErrorState message={errorMessage(macros.error)} onRetry={() => macros.refetch()} />;
  } else {
    const card = (macro: Macro) => <MacroCard key={macro.id} macro={macro} canManage={canManage} />;
    const shared = macros.data.filter((m) => m.shared);
    const mine = macros.data.filter((m) => !m.shared);
    list = (
      <>
        <h3 className="sd-subheading">Shared with the team</h3>
        {shared.length === 0 ? (
          <EmptyState title="No shared canned replies yet">
            {canManage
              ? "Share the answers your team gives again and again."
              : "Admins can share canned replies with the whole team."}
          </EmptyState>
        ) : (
          <div className="macro-list">{shared.map(card)}</div>
        )}
        <h3 className="sd-subheading">Yours</h3>
        {mine.length === 0 ? (
          <EmptyState title="No canned replies of your own yet">
            Only you see these. Create one for the answers you write often.
          </EmptyState>
        ) : (
          <div className="macro-list">{mine.map(card)}</div>
        )}
      </>
    );
  }

  return (
    <>
      <PageHeader title="Canned replies">
        Answers written once and inserted into any reply: type <kbd>/</kbd> in the reply box and the
        start of a name. Placeholders such as the customer's name are filled in for each ticket, and
        a canned reply can also change the ticket when the reply is sent.
      </PageHeader>
      {creating ? (
        <MacroForm canManage={canManage} onDone={() => setCreating(false)} />
      ) : (
        <div>
          <Button type="button" onClick={() => setCreating(true)}>
            New canned reply
          </Button>
        </div>
      )}
      {list}
    </>
  );
}
