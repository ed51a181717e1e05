// The help centre's settings as visitors meet them over real HTTP: the notice banner (escaped),
// the language in `<html lang>`, and turning it off answering the neutral 404 at once.
import { afterAll, beforeAll, expect, test } from "bun:test";
import { type Fixture, startHelpCentre } from "./test-kit";
import { NOT_FOUND_HTML } from "./views";

const { text, setUp, stop } = await startHelpCentre();

let acme: Fixture;
beforeAll(async () => {
  acme = await setUp("Settings Acme");
});
afterAll(stop);

test("the notice shows escaped on every page, in the chosen language, and goes when cleared", async () => {
  const home = `/hc/${acme.slug}/`;
  expect((await text(home)).body).not.toContain("site-notice");
  await acme.owner.here.helpCentre.settings.update({
    notice: "Closed <b>Friday</b> & weekend",
    language: "de",
  });
  for (const path of [home, `/hc/${acme.slug}/articles/${acme.article.slug}`]) {
    const page = await text(path);
    expect(page.body).toContain(
      '<p class="site-notice" role="note">Closed &lt;b&gt;Friday&lt;/b&gt; &amp; weekend</p>',
    );
    expect(page.body).toContain('<html lang="de">');
  }
  await acme.owner.here.helpCentre.settings.update({ notice: null, language: "en" });
  const cleared = await text(home);
  expect(cleared.body).not.toContain("site-notice");
  expect(cleared.body).toContain('<html lang="en">');
});

test("turning the help centre off answers the neutral 404 at once, on again serves it", async () => {
  const home = `/hc/${acme.slug}/`;
  expect((await text(home)).status).toBe(200); // cached now
  await acme.owner.here.helpCentre.settings.update({ enabled: false });
  for (const path of [home, `/hc/${acme.slug}/articles/${acme.article.slug}`]) {
    const page = await text(path);
    expect(page.status).toBe(404);
    expect(page.body).toBe(NOT_FOUND_HTML);
  }
  expect((await text("/", acme.host)).status).toBe(404);
  await acme.owner.here.helpCentre.settings.update({ enabled: true });
  expect((await text(home)).status).toBe(200);
});
