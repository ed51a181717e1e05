import { describe, expect, test } from "bun:test";
import {
  addressList,
  baseType,
  bounceNotice,
  envelopeLine,
  envelopeParts,
  formatAddress,
  formatSize,
  isThumbnail,
  splitAttachments,
} from "./email-format";

describe("addresses", () => {
  test("a name with its address in brackets; the bare address when there is no name", () => {
    expect(formatAddress({ address: "casey@example.com", name: "Casey Lee" })).toBe(
      "Casey Lee <casey@example.com>",
    );
    expect(formatAddress({ address: "casey@example.com", name: "" })).toBe("casey@example.com");
    expect(formatAddress({ address: "casey@example.com", name: "  " })).toBe("casey@example.com");
    expect(formatAddress({ address: "casey@example.com" })).toBe("casey@example.com");
  });

  test("a name that only repeats the address is not said twice", () => {
    expect(formatAddress({ address: "casey@example.com", name: "Casey@Example.com" })).toBe(
      "casey@example.com",
    );
  });

  test("a list is joined with commas, and empty for nobody", () => {
    expect(
      addressList([
        { address: "a@example.com", name: "Ann" },
        { address: "b@example.com", name: "" },
      ]),
    ).toBe("Ann <a@example.com>, b@example.com");
    expect(addressList([])).toBe("");
  });
});

describe("the envelope line under an emailed message", () => {
  const email = {
    from: { address: "casey@example.com", name: "Casey" },
    to: [{ address: "acme@mail.example.test", name: "" }],
    cc: [
      { address: "bo@example.com", name: "Bo" },
      { address: "di@example.com", name: "" },
    ],
  };

  test("says From, To and Cc in that order", () => {
    expect(envelopeLine(email)).toBe(
      "From Casey <casey@example.com> · To acme@mail.example.test · Cc Bo <bo@example.com>, di@example.com",
    );
  });

  test("leaves out To or Cc when nobody is in them", () => {
    expect(envelopeParts({ ...email, to: [], cc: [] })).toEqual([
      { label: "From", text: "Casey <casey@example.com>" },
    ]);
    expect(envelopeLine({ ...email, cc: [] })).toBe(
      "From Casey <casey@example.com> · To acme@mail.example.test",
    );
  });
});

describe("formatSize", () => {
  test("bytes below a kilobyte are counted, one byte in the singular", () => {
    expect(formatSize(0)).toBe("0 bytes");
    expect(formatSize(1)).toBe("1 byte");
    expect(formatSize(1023)).toBe("1023 bytes");
  });

  test("one decimal under ten units, whole numbers above", () => {
    expect(formatSize(1024)).toBe("1 KB");
    expect(formatSize(1536)).toBe("1.5 KB");
    expect(formatSize(24 * 1024 + 100)).toBe("24 KB");
    expect(formatSize(3.24 * 1024 * 1024)).toBe("3.2 MB");
    expect(formatSize(5 * 1024 ** 3)).toBe("5 GB");
  });

  test("a size just under the next unit reads as that unit, not 1024 of this one", () => {
    expect(formatSize(1024 * 1024 - 1)).toBe("1 MB");
  });

  test("nonsense gives nothing rather than NaN", () => {
    expect(formatSize(Number.NaN)).toBe("");
    expect(formatSize(-5)).toBe("");
  });
});

describe("which attachments are thumbnails", () => {
  test("PNG, JPEG, GIF and WebP, whatever the case or parameters", () => {
    expect(isThumbnail({ contentType: "image/png" })).toBe(true);
    expect(isThumbnail({ contentType: "Image/JPEG; name=photo.jpg" })).toBe(true);
    expect(isThumbnail({ contentType: "image/gif" })).toBe(true);
    expect(isThumbnail({ contentType: "image/webp" })).toBe(true);
    expect(baseType(" text/plain ; charset=utf-8")).toBe("text/plain");
  });

  test("other images (which download, never show inline) and other files are not", () => {
    expect(isThumbnail({ contentType: "image/svg+xml" })).toBe(false);
    expect(isThumbnail({ contentType: "image/bmp" })).toBe(false);
    expect(isThumbnail({ contentType: "application/pdf" })).toBe(false);
    expect(isThumbnail({ contentType: "" })).toBe(false);
  });

  test("splitting keeps each group in the message's order", () => {
    const a = { id: "a", contentType: "application/pdf" };
    const b = { id: "b", contentType: "image/png" };
    const c = { id: "c", contentType: "text/csv" };
    const d = { id: "d", contentType: "image/jpeg" };
    expect(splitAttachments([a, b, c, d])).toEqual({ images: [b, d], files: [a, c] });
  });
});

describe("bounceNotice", () => {
  const customer = { email: "casey@example.com", bouncingAt: null, bounceReason: null };
  const day = (date: Date) => date.toISOString().slice(0, 10);

  test("nothing while mail to the customer gets through", () => {
    expect(bounceNotice(customer)).toBeNull();
  });

  test("the address, when it last bounced and the reason the server recorded", () => {
    expect(
      bounceNotice(
        {
          ...customer,
          bouncingAt: "2026-01-03T10:00:00.000Z",
          bounceReason: "5.1.1 smtp; 550 No such user",
        },
        day,
      ),
    ).toBe(
      "Email to casey@example.com is bouncing (last on 2026-01-03): 5.1.1 smtp; 550 No such user. Replies may not reach this customer.",
    );
  });

  test("no reason recorded still warns", () => {
    expect(
      bounceNotice({ ...customer, bouncingAt: "2026-01-03T10:00:00.000Z", bounceReason: " " }, day),
    ).toBe(
      "Email to casey@example.com is bouncing (last on 2026-01-03). Replies may not reach this customer.",
    );
  });
});
