import { describe, expect, test } from "bun:test";
import { createdKeysNotice } from "./ApiKeyRow";

describe("createdKeysNotice", () => {
  const child = { id: "k1", name: "CRM child", prefix: "ab12cd" };
  const other = { id: "k2", name: "Nightly export", prefix: "ef34gh" };

  test("names every still-working key the revoked one made, with its prefix", () => {
    expect(createdKeysNotice([child, other], 1)).toBe(
      "This key had created 2 keys that still work: CRM child (sdk_ab12cd_…), Nightly export (sdk_ef34gh_…).",
    );
  });

  test("one key, and keys revoked together, read right", () => {
    expect(createdKeysNotice([child], 1)).toBe(
      "This key had created 1 key that still works: CRM child (sdk_ab12cd_…).",
    );
    expect(createdKeysNotice([child], 2)).toStartWith("These keys had created 1 key");
  });
});
