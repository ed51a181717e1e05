// An agent's reply carries its files: the worker reads them from storage and sends them as MIME
// attachments with the reply, byte for byte.
import { afterAll, expect, test } from "bun:test";
import { attachments } from "@supportdesk/services";
import { tenantKey } from "@supportdesk/storage";
import { newAddress, startDesk } from "./inbound-test-helpers";

const desk = await startDesk();
afterAll(() => desk.close());
const acme = await desk.tenant("Attach Co");

test("a reply's files go out with its email", async () => {
  const first = await acme.open(newAddress("ruth"), "Need the invoice");
  const bytes = new TextEncoder().encode("%PDF-1.4\ninvoice 42\n%%EOF\n");
  const upload = await acme.here.attachments.createUpload({
    ticketId: first.ticketId,
    filename: "invoice-42.pdf",
    size: bytes.byteLength,
  });
  // What PUT /uploads/<token> does, against the storage the worker reads.
  const storageKey = tenantKey(acme.tenantId, "attachments", upload.attachmentId);
  await desk.receiver.storage.put(storageKey, bytes, "application/pdf");
  await desk.deps.db.withTenant(acme.tenantId, (tx) =>
    attachments.recordUpload(tx, {
      attachmentId: upload.attachmentId,
      ticketId: first.ticketId,
      filename: "invoice-42.pdf",
      contentType: "application/pdf",
      size: bytes.byteLength,
      storageKey,
    }),
  );
  await acme.here.tickets.addMessage({
    ticketId: first.ticketId,
    body: "Attached.",
    internal: false,
    attachmentIds: [upload.attachmentId],
  });
  const job = (await acme.jobs("email.ticket-reply", first.ticketId)).at(-1);
  const sent = await desk.send(job);
  const source = await (await fetch(`${desk.capture.webUrl}/api/email/${sent.id}/source`)).text();
  expect(source).toContain("Content-Disposition: attachment; filename=invoice-42.pdf");
  expect(source).toContain("Content-Type: application/pdf");
  expect(source.replace(/\r?\n/g, "")).toContain(Buffer.from(bytes).toString("base64"));
});
