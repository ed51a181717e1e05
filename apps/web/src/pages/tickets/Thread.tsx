// A ticket's conversation: its messages (an emailed one with its envelope, "View original" and its
// attachments), and the composer for replies (`ticket.reply`) and internal notes (`ticket.note`) —
// each offered only to roles that may send it, with a warning when the customer's address bounces,
// files attached by picker or drop and canned replies (`/` or the button; MacroPicker.tsx) for
// roles that may reply; sending waits for the uploads, then applies the canned replies' actions.
// Typing is reported to colleagues viewing the ticket, and a reply is held with a warning when
// someone else wrote since the agent started typing (presence-hooks.ts).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, type KeyboardEvent, useEffect, useId, useState } from "react";
import { errorMessage, useTRPC } from "../../lib/trpc";
import { useCan } from "../../lib/use-can";
import { Button } from "../../ui";
import { Attachments } from "./Attachments";
import { BounceNote } from "./BounceNote";
import { EmailMeta } from "./EmailMeta";
import { MacroButton, MacroNotes } from "./MacroControls";
import { useMacroPicker } from "./MacroPicker";
import { CollisionWarning } from "./PresenceCollision";
import { useCollisionGuard, useTypingReporter } from "./presence-hooks";
import { AttachFiles, ReplyFileList, useFileDrop, useReplyFiles } from "./ReplyFiles";
import { filesStatus, replyInput } from "./reply-files";
import { absoluteTime, type ThreadMessage, Time } from "./shared";

export function Message({ message }: { message: ThreadMessage }) {
  const kind =
    message.authorType === "system" ? "system" : message.isInternal ? "note" : message.authorType;
  if (kind === "system") {
    return (
      <li className="msg msg-system">
        <span>{message.body}</span> · <Time value={message.createdAt} />
      </li>
    );
  }
  return (
    <li className={`msg msg-${kind}`}>
      <header className="msg-head">
        <span className="avatar" aria-hidden="true">
          {(message.authorName ?? "?").charAt(0).toUpperCase()}
        </span>
        <strong>{message.authorName ?? (kind === "customer" ? "Customer" : "Agent")}</strong>
        {kind === "note" ? (
          <span className="note-label">Internal note</span>
        ) : (
          <span className="muted small">{kind === "customer" ? "Customer" : "Agent"}</span>
        )}
        <span className="muted small msg-time" title={absoluteTime(message.createdAt)}>
          <Time value={message.createdAt} />
        </span>
      </header>
      {message.email ? <EmailMeta messageId={message.id} email={message.email} /> : null}
      <div className="msg-body">{message.body}</div>
      <Attachments attachments={message.attachments} />
    </li>
  );
}

/** The composer, in the modes the role allows (none: nothing to show). */
export function ComposerForRole({ ticketId }: { ticketId: string }) {
  const canReply = useCan("ticket.reply");
  const canNote = useCan("ticket.note");
  // The ticket is in the cache already (the page shows it): its customer, for the bounce warning.
  const trpc = useTRPC();
  const ticket = useQuery(trpc.tickets.get.queryOptions({ id: ticketId }));
  if (!canReply && !canNote) return null;
  return (
    <Composer
      ticketId={ticketId}
      customerId={canReply ? (ticket.data?.customerId ?? null) : null}
      canReply={canReply}
      canNote={canNote}
    />
  );
}

function Composer({
  ticketId,
  customerId,
  canReply,
  canNote,
}: {
  ticketId: string;
  customerId: string | null;
  canReply: boolean;
  canNote: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const [body, setBody] = useState("");
  const [noteChosen, setNoteChosen] = useState(false);
  // With only one of the two allowed there is nothing to choose.
  const internal = canReply ? canNote && noteChosen : true;
  // Uploads need `ticket.reply` (attachments.createUpload); a note may carry files too.
  const files = useReplyFiles(ticketId);
  const drop = useFileDrop(files.add);
  const status = filesStatus(files.files);
  /** Send was pressed while files were still uploading: it goes once they are done. */
  const [waiting, setWaiting] = useState(false);
  const picker = useMacroPicker({ ticketId, enabled: canReply, body, setBody });
  const collision = useCollisionGuard(ticketId, body);
  const reportTyping = useTypingReporter(ticketId);
  const send = useMutation(
    trpc.tickets.addMessage.mutationOptions({
      onSuccess: async (_message, input) => {
        setBody("");
        files.sent(input.attachmentIds);
        // The inserted canned replies' actions go after the message (a reply makes it pending).
        await picker.afterSend();
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.tickets.get.queryKey({ id: ticketId }) }),
          queryClient.invalidateQueries({ queryKey: trpc.tickets.list.pathKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.macros.list.queryKey() }),
        ]);
      },
    }),
  );
  const { mutate } = send;
  /** `anyway`: the agent chose to send despite a message that arrived while they typed. */
  const submit = (event?: FormEvent, anyway = false) => {
    event?.preventDefault();
    if (!body.trim() || send.isPending || status === "failed") return;
    if (anyway) collision.acknowledge();
    else if (collision.hold()) return;
    if (status === "busy") setWaiting(true);
    else mutate(replyInput({ ticketId, body, internal }, files.files));
  };
  useEffect(() => {
    if (!waiting || status === "busy") return;
    setWaiting(false);
    // A file that failed meanwhile is said beside it; the agent decides what to send.
    if (status !== "failed" && body.trim()) {
      mutate(replyInput({ ticketId, body, internal }, files.files));
    }
  }, [waiting, status, body, internal, ticketId, files.files, mutate]);
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (picker.onKeyDown(event)) return;
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      submit();
    }
  };
  return (
    <form
      className={`composer card${internal ? " composer-note" : ""}${drop.over ? " composer-drop" : ""}`}
      onSubmit={submit}
      {...(canReply ? drop.dropProps : {})}
    >
      {internal ? null : <BounceNote customerId={customerId} />}
      <label htmlFor={id} className="field-label">
        {canReply ? "Reply" : "Note"}
      </label>
      <textarea
        ref={picker.textareaRef}
        id={id}
        rows={5}
        value={body}
        placeholder={internal ? "Only your team sees notes" : "Write to the customer"}
        aria-describedby={`${id}-hint`}
        {...picker.combobox}
        onChange={(event) => {
          setBody(event.target.value);
          picker.onCaret(event.target);
          if (event.target.value.trim()) reportTyping(internal ? "note" : "reply");
        }}
        onSelect={(event) => picker.onCaret(event.currentTarget)}
        onKeyDown={onKeyDown}
      />
      {picker.listbox}
      <MacroNotes picker={picker} />
      <ReplyFileList files={files.files} onRemove={files.remove} />
      {status === "failed" ? (
        <p className="composer-files-hint">
          Remove the files that could not be attached, then send.
        </p>
      ) : null}
      <CollisionWarning
        warning={collision.warning}
        onSend={() => submit(undefined, true)}
        onReview={() => {
          collision.acknowledge();
          picker.textareaRef.current?.focus({ preventScroll: true });
        }}
      />
      <div className="composer-bar">
        {canReply ? <AttachFiles onFiles={files.add} /> : null}
        {canReply ? <MacroButton picker={picker} /> : null}
        {canReply && canNote ? (
          <label className="checkbox">
            <input
              type="checkbox"
              checked={noteChosen}
              onChange={(event) => setNoteChosen(event.target.checked)}
            />
            Internal note
          </label>
        ) : null}
        <span id={`${id}-hint`} className="hint">
          {canReply ? "Type / for a canned reply · " : ""}Ctrl/⌘ + Enter to send
        </span>
        <Button
          type="submit"
          busy={send.isPending || waiting}
          disabled={!body.trim() || status === "failed"}
        >
          {waiting ? "Waiting for uploads…" : internal ? "Add note" : "Send reply"}
        </Button>
      </div>
      {send.isError ? (
        <div className="error" role="alert">
          {errorMessage(send.error)}
        </div>
      ) : null}
    </form>
  );
}
