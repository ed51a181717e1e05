// A tenant's own address (help@acme.example) forwarding to its support address: new tickets sent
// there get the address's inquiry type (priority, tags) and assignee, and the address is never
// kept as a CC. The settings refuse our own domain, duplicates and unknown inquiry types.
import { afterAll, describe, expect, test } from "bun:test";
import { codeOf } from "@supportdesk/trpc/testing";
import { INBOUND_DOMAIN } from "./inbound-kit";
import { newAddress, startDesk } from "./inbound-test-helpers";

const desk = await startDesk();
afterAll(() => desk.close());
const acme = await desk.tenant("Own Address Co");
const own = `help@${acme.slug}.example`;

const helpCentre = await acme.here.helpCentre.settings.update({
  inquiryTypes: [
    { name: "Billing", description: "", priority: "high", tags: ["billing"], assigneeId: null },
  ],
});
const billing = helpCentre.inquiryTypes[0];
const agent = await acme.team.join("member");

describe("the tenant's own addresses", () => {
  test("are checked: not ours, not twice, real inquiry types", async () => {
    const update = (addresses: { address: string; inquiryTypeId?: string | null }[]) =>
      acme.here.email.settings.update({ addresses });
    expect(await codeOf(update([{ address: `x@${INBOUND_DOMAIN}` }]))).toBe("BAD_REQUEST");
    expect(await codeOf(update([{ address: own }, { address: own.toUpperCase() }]))).toBe(
      "BAD_REQUEST",
    );
    expect(await codeOf(update([{ address: own, inquiryTypeId: "nope" }]))).toBe("BAD_REQUEST");
  });

  test("a forwarded message gets the address's defaults, and the address is no CC", async () => {
    const saved = await acme.here.email.settings.update({
      addresses: [{ address: own, inquiryTypeId: billing?.id ?? null, assigneeId: agent.userId }],
    });
    expect(saved.addresses).toEqual([
      { address: own, inquiryTypeId: billing?.id ?? null, assigneeId: agent.userId },
    ]);
    const customer = newAddress("penny");
    // As a mail provider forwards it: still To the tenant's address, delivered to ours.
    const outcome = await acme.deliver({
      from: customer,
      to: own,
      envelope: { from: customer, to: [acme.address] },
      headers: { "Delivered-To": acme.address, "X-Forwarded-To": acme.address },
      subject: "Invoice wrong",
      text: "Please fix.",
    });
    expect(outcome.status).toBe("processed");
    const ticket = await acme.here.tickets.get({ id: outcome.ticketId ?? "" });
    expect(ticket).toMatchObject({
      priority: "high",
      tags: ["billing"],
      assigneeId: agent.userId,
      channel: "email",
    });
    expect(ticket.ccs).toEqual([]);
  });
});
