// The composer's collision warning as markup: an alert with its two buttons, or nothing.
import { describe, expect, test } from "bun:test";
import { renderToStaticMarkup } from "react-dom/server";
import { CollisionWarning } from "./PresenceCollision";

describe("CollisionWarning", () => {
  const noop = () => {};
  test("an alert saying who wrote meanwhile, with Send anyway and Review", () => {
    const html = renderToStaticMarkup(
      <CollisionWarning
        warning="Ana replied 1 minute ago while you were typing. Send anyway?"
        onSend={noop}
        onReview={noop}
      />,
    );
    expect(html).toContain('role="alert"');
    expect(html).toContain("Ana replied 1 minute ago while you were typing. Send anyway?");
    expect(html).toMatch(/<button[^>]*type="button"[^>]*>Send anyway<\/button>/);
    expect(html).toMatch(/<button[^>]*type="button"[^>]*>Review<\/button>/);
  });

  test("nothing without a warning", () => {
    expect(
      renderToStaticMarkup(<CollisionWarning warning={null} onSend={noop} onReview={noop} />),
    ).toBe("");
  });
});
