import { describe, expect, test } from "bun:test";
import {
  addAddressRow,
  addressesUpdate,
  addressRowsOf,
  type EmailSettings,
  filterName,
  filterOf,
  formOf,
  MAX_OWN_ADDRESSES,
  STATUS_FILTERS,
  senderOf,
  statusInput,
  toUpdate,
} from "./form";

const SAVED: EmailSettings = {
  address: "acme@mail.example.test",
  inboundDomain: "mail.example.test",
  autoAcknowledge: true,
  senderName: "Acme Support",
  signature: "Thanks,\nAcme",
  addresses: [{ address: "help@acme.example", inquiryTypeId: "t1", assigneeId: null }],
};

describe("the email settings form", () => {
  test("saved settings round-trip unchanged", () => {
    expect(toUpdate(formOf(SAVED))).toEqual({
      autoAcknowledge: true,
      senderName: "Acme Support",
      signature: "Thanks,\nAcme",
    });
  });

  test("no name or signature shows as empty boxes, and empty boxes send null (cleared)", () => {
    const form = formOf({ ...SAVED, senderName: null, signature: null, autoAcknowledge: false });
    expect(form).toEqual({ autoAcknowledge: false, senderName: "", signature: "" });
    expect(toUpdate({ ...form, senderName: "   ", signature: "\n \n" })).toEqual({
      autoAcknowledge: false,
      senderName: null,
      signature: null,
    });
  });

  test("a name is trimmed; a signature keeps its inner lines", () => {
    const update = toUpdate({ autoAcknowledge: true, senderName: "  Acme  ", signature: " a\nb " });
    expect(update.senderName).toBe("Acme");
    expect(update.signature).toBe("a\nb");
  });
});

describe("the received-mail filter", () => {
  test("defaults to quarantined, the mail that needs an admin", () => {
    expect(filterOf(null)).toBe("quarantined");
    expect(filterOf("")).toBe("quarantined");
    expect(filterOf("nonsense")).toBe("quarantined");
  });

  test("takes every status the server knows, and all", () => {
    expect(filterOf("all")).toBe("all");
    expect(filterOf("bounce")).toBe("bounce");
    expect(STATUS_FILTERS[0]).toBe("quarantined");
    expect(STATUS_FILTERS.at(-1)).toBe("all");
    expect(STATUS_FILTERS).toHaveLength(8);
  });

  test("all sends no status; any other sends itself", () => {
    expect(statusInput("all")).toEqual({});
    expect(statusInput("discarded")).toEqual({ status: "discarded" });
  });

  test("each filter has words", () => {
    expect(filterName("all")).toBe("All received mail");
    expect(filterName("processed")).toBe("Filed on a ticket");
  });

  test("the sender is the From address, else the envelope's, else said to be unknown", () => {
    expect(senderOf({ fromAddress: "casey@example.com", envelopeFrom: "bounce@example.com" })).toBe(
      "casey@example.com",
    );
    expect(senderOf({ fromAddress: null, envelopeFrom: "bounce@example.com" })).toBe(
      "bounce@example.com",
    );
    expect(senderOf({ fromAddress: null, envelopeFrom: "" })).toBe("Unknown sender");
  });
});

describe("own addresses", () => {
  test("saved addresses round-trip; a chosen none is null; new rows are blank", () => {
    const rows = addressRowsOf(SAVED);
    expect(addressesUpdate(rows)).toEqual({
      addresses: [{ address: "help@acme.example", inquiryTypeId: "t1", assigneeId: null }],
    });
    const more = addAddressRow(rows);
    expect(more.length).toBe(2);
    expect(new Set(more.map((r) => r.key)).size).toBe(2);
    expect(addressesUpdate(more).addresses?.[1]).toEqual({
      address: "",
      inquiryTypeId: null,
      assigneeId: null,
    });
  });

  test("no row is added past the limit", () => {
    let rows = addressRowsOf({ addresses: [] });
    for (let i = 0; i < MAX_OWN_ADDRESSES + 5; i++) rows = addAddressRow(rows);
    expect(rows.length).toBe(MAX_OWN_ADDRESSES);
  });
});
