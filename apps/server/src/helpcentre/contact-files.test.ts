// Files on the contact form (multipart): kept on the ticket's first message with their type
// sniffed from the bytes; too many or too big is refused in words, and the typed values stay.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { testEmail } from "@supportdesk/trpc/testing";
import { formClient, textareaValue, ticketWithSubject, withInquiryTypes } from "./form-kit";
import { type Fixture, startHelpCentre } from "./test-kit";

const kit = await startHelpCentre();
const web = formClient(kit.address);
let acme: Fixture;
let billing: { id: string };
beforeAll(async () => {
  acme = await kit.setUp("Filed");
  ({ billing } = await withInquiryTypes(acme));
});
afterAll(() => kit.stop());

const PNG = Uint8Array.from(
  atob(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  ),
  (c) => c.charCodeAt(0),
);

/** Posts the contact form as a browser does with files: multipart, token and cookie. */
async function postWithFiles(files: { name: string; bytes: Uint8Array; type: string }[]) {
  const path = `/hc/${acme.slug}/contact`;
  const page = await web.open(path);
  const subject = `Screenshot attached ${crypto.randomUUID().slice(0, 8)}`;
  const body = new FormData();
  const fields = {
    form_token: page.token,
    name: "Fox Mulder",
    email: testEmail("fox"),
    inquiryTypeId: billing.id,
    subject,
    message: "See the picture.",
  };
  for (const [key, value] of Object.entries(fields)) body.append(key, value);
  for (const f of files) body.append("files", new File([f.bytes], f.name, { type: f.type }));
  const res = await fetch(`${kit.address}${path}`, {
    method: "POST",
    body,
    redirect: "manual",
    headers: { cookie: `sd_hc_form=${page.cookie}` },
  });
  return { res, subject, html: await res.text() };
}

describe("contact form files", () => {
  test("a file is kept on the customer's message, typed from its bytes", async () => {
    // Claimed to be a JPEG; the bytes say PNG.
    const { res, subject } = await postWithFiles([
      { name: "screen.jpg", bytes: PNG, type: "image/jpeg" },
    ]);
    expect(res.status).toBe(303);
    const ticket = await ticketWithSubject(acme, subject);
    const full = await acme.owner.here.tickets.get({ id: ticket?.id ?? "" });
    expect(full.messages[0]?.attachments).toMatchObject([
      { filename: "screen.jpg", contentType: "image/png", size: PNG.length },
    ]);
    const link = await acme.owner.here.attachments.get({
      id: full.messages[0]?.attachments[0]?.id ?? "",
    });
    const bytes = new Uint8Array(await (await fetch(`${kit.address}${link.url}`)).arrayBuffer());
    expect(bytes).toEqual(PNG);
  });

  test("too many files are refused in words, with what was typed kept and nothing filed", async () => {
    const four = Array.from({ length: 4 }, (_, i) => ({
      name: `f${i}.txt`,
      bytes: new TextEncoder().encode(`file ${i}`),
      type: "text/plain",
    }));
    const { res, subject, html } = await postWithFiles(four);
    expect(res.status).toBe(400);
    expect(html).toContain("Attach at most 3 files.");
    expect(textareaValue(html, "message")).toBe("See the picture.");
    expect(await ticketWithSubject(acme, subject)).toBeUndefined();
  });
});
