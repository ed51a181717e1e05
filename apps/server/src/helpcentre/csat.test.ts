// The survey's pages over real HTTP on the test PostgreSQL and Redis: one click from the email
// records a rating (twice counts once, a changed mind updates it), HEAD records nothing, the
// comment posts like every public form, and a dead or foreign token is the neutral 404.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { withSurveys } from "./csat-kit";
import { formClient, inputValue, textareaValue } from "./form-kit";
import { type Fixture, startHelpCentre } from "./test-kit";

const kit = await startHelpCentre();
const web = formClient(kit.address);

let acme: Fixture;
let other: Fixture;
let surveys: Awaited<ReturnType<typeof withSurveys>>;

beforeAll(async () => {
  acme = await kit.setUp("Acme");
  other = await kit.setUp("Other");
  surveys = await withSurveys(kit.deps, acme);
  await withSurveys(kit.deps, other);
});
afterAll(() => kit.stop());

const page = (fixture: Fixture, token: string, query = "") =>
  `/hc/${fixture.slug}/csat/${token}${query}`;
const ratingOf = async (ticketId: string) =>
  (await acme.owner.here.csat.list({ ticketId })).data[0]?.rating ?? null;
const checked = (html: string) => /id="rating-(\d)"[^>]* checked/.exec(html)?.[1];

describe("the one-click rating link", () => {
  test("CSAT link clicked twice counts once, and the page thanks and shows the choice", async () => {
    const { ticket, token } = await surveys.resolved();
    const first = await web.get(page(acme, token, "?rating=4"));
    expect(first.status).toBe(200);
    expect(first.headers.get("cache-control")).toBe("no-store");
    expect(first.body).toContain("Thank you! Your rating was recorded.");
    expect(first.body).toContain("<h1>How did Acme do?</h1>");
    expect(first.body).toContain("Tell us more (optional)");
    expect(checked(first.body)).toBe("4");
    const again = await web.get(page(acme, token, "?rating=4"));
    expect(again.status).toBe(200);
    const listed = await acme.owner.here.csat.list({ ticketId: ticket.id });
    expect(listed.data).toHaveLength(1);
    expect(listed.data[0]?.rating).toBe(4);
  });

  test("a changed mind updates the rating, still one survey", async () => {
    const { ticket, token } = await surveys.resolved();
    await web.get(page(acme, token, "?rating=5"));
    const changed = await web.get(page(acme, token, "?rating=1"));
    expect(checked(changed.body)).toBe("1");
    const listed = await acme.owner.here.csat.list({ ticketId: ticket.id });
    expect(listed.data.map((s) => s.rating)).toEqual([1]);
  });

  test("HEAD records nothing; without a rating the page is the form", async () => {
    const { ticket, token } = await surveys.resolved();
    const head = await fetch(`${kit.address}${page(acme, token, "?rating=2")}`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(await ratingOf(ticket.id)).toBeNull();
    const form = await web.get(page(acme, token));
    expect(form.status).toBe(200);
    expect(form.body).not.toContain("Thank you!");
    expect(checked(form.body)).toBeUndefined();
    const odd = await web.get(page(acme, token, "?rating=9"));
    expect(odd.body).toContain("Choose one of the five answers.");
    expect(await ratingOf(ticket.id)).toBeNull();
  });

  test("another tenant's token, a made-up one and garbage all get the same 404", async () => {
    const { ticket, token } = await surveys.resolved();
    const garbage = await web.get(`/hc/${acme.slug}/no-such-page`);
    expect(garbage.status).toBe(404);
    for (const path of [
      page(other, token, "?rating=1"),
      page(other, token),
      page(acme, "A".repeat(43), "?rating=1"),
      page(acme, "short"),
    ]) {
      const res = await web.get(path);
      expect({ path, status: res.status, body: res.body }).toEqual({
        path,
        status: 404,
        body: garbage.body,
      });
    }
    const posted = await web.post(page(other, token), { rating: "1" });
    expect(posted.status).toBe(404);
    expect(posted.body).toBe(garbage.body);
    expect(await ratingOf(ticket.id)).toBeNull();
  });
});

describe("the survey form", () => {
  test("saves a comment and a changed rating, then shows them", async () => {
    const { ticket, token } = await surveys.resolved();
    const form = await web.open(page(acme, token, "?rating=3"));
    expect(inputValue(form.body, "form_token")).toBe(form.token);
    const sent = await web.post(
      page(acme, token),
      { rating: "2", comment: "Slow, but kind." },
      { form },
    );
    expect(sent.status).toBe(303);
    expect(sent.headers.get("location")).toBe(page(acme, token, "?saved=1"));
    const shown = await web.get(page(acme, token, "?saved=1"));
    expect(shown.body).toContain("Your answer was saved.");
    expect(textareaValue(shown.body, "comment")).toBe("Slow, but kind.");
    expect(checked(shown.body)).toBe("2");
    const listed = await acme.owner.here.csat.list({ ticketId: ticket.id });
    expect(listed.data[0]).toMatchObject({ rating: 2, comment: "Slow, but kind." });
  });

  test("refuses a post without the form token or from another site", async () => {
    const { ticket, token } = await surveys.resolved();
    const noToken = await web.post(page(acme, token), { rating: "5", comment: "Forged" });
    expect(noToken.status).toBe(403);
    const form = await web.open(page(acme, token));
    const crossSite = await web.post(
      page(acme, token),
      { rating: "5" },
      { form, headers: { "sec-fetch-site": "cross-site" } },
    );
    expect(crossSite.status).toBe(403);
    expect(await ratingOf(ticket.id)).toBeNull();
  });
});
