// An agent's file for a reply, over real HTTP: asked for, written by its signed link (type sniffed
// from the bytes), then sent with the reply; a link cannot write more than it allows, and a file
// cannot be sent twice or from another ticket.
import { afterAll, describe, expect, test } from "bun:test";
import { codeOf, createTeam, createTestDeps } from "@supportdesk/trpc/testing";
import { createApp } from "./app";

const deps = await createTestDeps({ attachmentMaxBytes: 1000 });
const server = Bun.serve({
  port: 0,
  fetch: createApp({ deps, corsOrigins: [], trustProxy: false }).fetch,
});
const base = `http://127.0.0.1:${server.port}`;
afterAll(async () => {
  server.stop(true);
  await deps.close();
});

const team = await createTeam(deps, "Uploads Co");
const agent = team.owner.here;
const ticket = await agent.tickets.create({ subject: "Needs a file", body: "Please send it." });
const other = await agent.tickets.create({ subject: "Another ticket", body: "Unrelated." });
const PDF = new TextEncoder().encode("%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n%%EOF\n");

/** Asks for an upload (declaring `declared` bytes) and PUTs `bytes` to its link. */
async function upload(ticketId: string, bytes: Uint8Array, declared = bytes.byteLength) {
  const { attachmentId, uploadUrl } = await agent.attachments.createUpload({
    ticketId,
    filename: "invoice.pdf",
    size: declared,
  });
  const res = await fetch(`${base}${uploadUrl}`, { method: "PUT", body: bytes });
  return { attachmentId, uploadUrl, res };
}

describe("uploads", () => {
  test("a file is written, typed from its bytes, and sent with the reply", async () => {
    const { attachmentId, res } = await upload(ticket.id, PDF);
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ contentType: "application/pdf", size: PDF.length });
    const reply = await agent.tickets.addMessage({
      ticketId: ticket.id,
      body: "Here it is.",
      internal: false,
      attachmentIds: [attachmentId],
    });
    const full = await agent.tickets.get({ id: ticket.id });
    const sent = full.messages.find((m) => m.id === reply.id);
    expect(sent?.attachments).toEqual([
      {
        id: attachmentId,
        filename: "invoice.pdf",
        contentType: "application/pdf",
        size: PDF.length,
        inline: false,
      },
    ]);
    const link = await agent.attachments.get({ id: attachmentId });
    expect(new Uint8Array(await (await fetch(`${base}${link.url}`)).arrayBuffer())).toEqual(PDF);
  });

  test("a file is sent once, and only with a reply on its own ticket", async () => {
    const { attachmentId } = await upload(ticket.id, PDF);
    const send = (ticketId: string) =>
      agent.tickets.addMessage({
        ticketId,
        body: "x",
        internal: false,
        attachmentIds: [attachmentId],
      });
    expect(await codeOf(send(other.id))).toBe("BAD_REQUEST");
    await send(ticket.id);
    expect(await codeOf(send(ticket.id))).toBe("BAD_REQUEST");
  });

  test("a link cannot write more than its limit, nor be forged", async () => {
    expect(
      await codeOf(
        agent.attachments.createUpload({ ticketId: ticket.id, filename: "big", size: 5000 }),
      ),
    ).toBe("BAD_REQUEST");
    // Declared small, sent big: the link's own limit holds.
    const { res } = await upload(ticket.id, new Uint8Array(1500), 10);
    expect(res.status).toBe(413);
    const forged = await fetch(`${base}/uploads/e30.AAAA`, { method: "PUT", body: PDF });
    expect(forged.status).toBe(404);
    // A link writes once: the file it wrote is never replaced through it.
    const { uploadUrl, res: first } = await upload(ticket.id, PDF);
    expect(first.status).toBe(201);
    const again = await fetch(`${base}${uploadUrl}`, { method: "PUT", body: new Uint8Array(3) });
    expect(again.status).toBe(409);
  });
});
