import { describe, expect, test } from "bun:test";
import {
  addRow,
  formOf,
  languageName,
  MAX_INQUIRY_TYPES,
  parseTags,
  removeRow,
  rowTagsField,
  type Settings,
  toUpdate,
  updateRow,
} from "./form";

const SAVED: Settings = {
  enabled: true,
  language: "de",
  notice: "Closed Friday",
  languages: ["en", "de"],
  publicPath: "/hc/acme/",
  deflection: { days: 30, shown: 4, clicked: 2, submitted: 1 },
  inquiryTypes: [
    {
      id: "00000000-0000-4000-8000-000000000001",
      name: "Billing",
      description: "Invoices",
      priority: "high",
      tags: ["billing", "vip"],
      assigneeId: null,
    },
  ],
};

describe("the help-centre settings form", () => {
  test("saved settings round-trip unchanged, keeping the server's ids", () => {
    expect(toUpdate(formOf(SAVED))).toEqual({
      enabled: true,
      language: "de",
      notice: "Closed Friday",
      inquiryTypes: [{ ...(SAVED.inquiryTypes[0] as object) }] as never,
    });
  });

  test("a new row sends no id; an emptied notice and no assignee send null", () => {
    let form = addRow(formOf({ ...SAVED, notice: null }));
    const added = form.rows[1];
    if (!added) throw new Error("no row added");
    form = updateRow(form, added.key, { name: "Sales", tags: " Deals, VIP ,, deals" });
    const update = toUpdate({ ...form, notice: "   " });
    expect(update.notice).toBeNull();
    expect(update.inquiryTypes?.[1]).toEqual({
      name: "Sales",
      description: "",
      priority: "normal",
      tags: ["deals", "vip"],
      assigneeId: null,
    });
  });

  test("removing a row drops only that one; no row is added past the limit", () => {
    const form = addRow(formOf(SAVED));
    const [first, second] = form.rows;
    expect(removeRow(form, first?.key ?? "").rows).toEqual([second as never]);
    let full = formOf({ ...SAVED, inquiryTypes: [] });
    for (let i = 0; i < MAX_INQUIRY_TYPES + 3; i++) full = addRow(full);
    expect(full.rows.length).toBe(MAX_INQUIRY_TYPES);
  });

  test("tags are trimmed, lowercased and unique", () => {
    expect(parseTags("")).toEqual([]);
    expect(parseTags("A, b ,a,")).toEqual(["a", "b"]);
  });

  test("the server's error on one bad tag belongs to that row's tags box", () => {
    const error = { data: { field: "inquiryTypes.1.tags.0" } };
    expect(rowTagsField(error, 1)).toBe("inquiryTypes.1.tags.0");
    expect(rowTagsField(error, 0)).toBe("inquiryTypes.0.tags");
    expect(rowTagsField(null, 2)).toBe("inquiryTypes.2.tags");
  });

  test("a language shows its name and code", () => {
    expect(languageName("de")).toBe("German (de)");
  });
});
