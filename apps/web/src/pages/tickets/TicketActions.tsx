// Actions on the whole ticket in its header: merge into another; and on a merged ticket, the
// notice that sends people on to where it went.
import { useState } from "react";
import { useCan } from "../../lib/use-can";
import { Button } from "../../ui";
import { MergeDialog } from "./MergeDialog";
import { MergedFromNote, MergedRedirect } from "./MergeNotice";
import type { TicketDetail } from "./shared";

export function TicketActions({ ticket }: { ticket: TicketDetail }) {
  const canMerge = useCan("ticket.merge");
  const [merging, setMerging] = useState(false);
  if (ticket.mergedIntoId) {
    return <MergedRedirect number={ticket.number} targetId={ticket.mergedIntoId} />;
  }
  return (
    <>
      {canMerge ? (
        <Button variant="secondary" onClick={() => setMerging(true)} aria-haspopup="dialog">
          Merge into…
        </Button>
      ) : null}
      {merging ? <MergeDialog ticket={ticket} onClose={() => setMerging(false)} /> : null}
      <MergedFromNote />
    </>
  );
}
