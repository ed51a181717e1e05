import { describe, expect, test } from "bun:test";
import {
  type Brand,
  type EmailTemplate,
  renderEmail,
  type TemplateName,
  templateNames,
} from "./index";
import { DEFAULT_COLOR } from "./layout";

const acme = { name: "Acme Support", primaryColor: "#e11d48" };
const platform = { name: "SupportDesk" };

const samples: { [K in TemplateName]: Extract<EmailTemplate, { template: K }>["data"] } = {
  "verify-email": { name: "Ada", url: "https://app.test/verify?token=abc" },
  "account-exists": {
    name: "Ada",
    url: "https://app.test/login",
    resetUrl: "https://app.test/forgot-password",
  },
  invitation: {
    inviterName: "Grace Hopper",
    role: "agent",
    url: "https://app.test/invite?token=def",
    email: "ada@example.com",
  },
  "password-reset": { name: "Ada", url: "https://app.test/reset?token=ghi" },
  "ticket-created": {
    customerName: "Ada",
    number: 42,
    subject: "Printer on fire",
    url: "https://acme.app.test/tickets/42",
  },
  "ticket-reply": {
    customerName: "Ada",
    number: 42,
    subject: "Printer on fire",
    agentName: "Bob",
    body: "Have you tried turning it off?\n\nIf not, please do.",
    url: "https://app.test/hc/acme/tickets/abc",
  },
  "agent-notification": {
    agentName: "Bob",
    title: "Ticket #42 was assigned to you",
    body: "Ada: Printer on fire",
    url: "https://acme.app.test/tickets/42",
  },
  "csat-survey": {
    customerName: "Ada",
    number: 42,
    subject: "Printer on fire",
    question: "How would you rate our support?",
    ratingUrls: [1, 2, 3, 4, 5].map((n) => `https://app.test/hc/acme/csat/tok?rating=${n}`),
  },
  "automation-message": {
    customerName: "Ada",
    number: 42,
    subject: "Printer on fire",
    body: "We are still waiting for your answer.",
    url: "https://app.test/hc/acme/tickets/abc",
  },
};

function render(template: TemplateName, brand: Brand = acme) {
  return renderEmail(template, samples[template], brand);
}

describe("every template", () => {
  for (const template of templateNames) {
    test(`${template} has a readable text part, an accessible HTML part and the brand`, () => {
      const email = render(template);
      expect(email.subject.length).toBeGreaterThan(0);
      expect(email.subject).not.toMatch(/[\r\n]/);
      // Text stands on its own: no markup, every link written out.
      expect(email.text).not.toMatch(/<\/?[a-z][^>]*>/i);
      expect(email.text).toContain("Acme Support");
      expect(email.html).toContain('<html lang="en"');
      expect(email.html).toContain("<title>");
      expect(email.html).toContain(">Acme Support</td>");
      expect(email.html).toContain("background-color:#e11d48");
      const { url } = samples[template] as { url?: string };
      if (url) {
        expect(email.text).toContain(url);
        // A real button link plus the raw URL for clients that lose the button.
        expect(email.html.split(`href="${url}"`).length - 1).toBe(2);
        expect(email.html).toContain(`>${url}</a>`);
      }
    });
  }
});

describe("subjects", () => {
  test("ticket emails carry the ticket number", () => {
    expect(render("ticket-created").subject).toBe("We received your request #42: Printer on fire");
    expect(render("ticket-reply").subject).toBe("Re: [#42] Printer on fire");
  });

  test("account emails name the tenant", () => {
    expect(render("verify-email").subject).toBe("Verify your email address for Acme Support");
    expect(render("invitation").subject).toBe("Grace Hopper invited you to join Acme Support");
    expect(render("password-reset").subject).toBe("Reset your Acme Support password");
    expect(render("agent-notification").subject).toBe(
      "[Acme Support] Ticket #42 was assigned to you",
    );
    expect(render("password-reset", platform).subject).toBe("Reset your SupportDesk password");
  });

  test("a subject built from user input stays on one line", () => {
    const email = renderEmail(
      "ticket-created",
      { customerName: "Ada", number: 7, subject: "Help\r\nBcc: victim@example.com" },
      acme,
    );
    expect(email.subject).toBe("We received your request #7: Help Bcc: victim@example.com");
  });
});

describe("content", () => {
  test("an invitation says who invited whom, to what role", () => {
    const { text } = render("invitation");
    expect(text).toContain(
      "Grace Hopper invited you (ada@example.com) to join Acme Support as an agent.",
    );
    expect(
      renderEmail("invitation", { ...samples.invitation, role: "viewer" }, acme).text,
    ).toContain("as a viewer.");
  });

  test("a reply quotes the agent's body in both parts", () => {
    const { text, html } = render("ticket-reply");
    expect(text).toContain("Bob wrote:\n> Have you tried turning it off?\n>\n> If not, please do.");
    expect(html).toContain("<blockquote");
    expect(html).toContain("Have you tried turning it off?</p>");
  });

  test("an attempt to sign up again tells the owner how to sign in or reset, and holds no token", () => {
    const { subject, text, html } = render("account-exists");
    expect(subject).toBe("You already have an Acme Support account");
    expect(renderEmail("account-exists", samples["account-exists"], platform).subject).toBe(
      "You already have a SupportDesk account",
    );
    expect(text).toContain("tried to create a new Acme Support account with this email address");
    for (const url of ["https://app.test/login", "https://app.test/forgot-password"]) {
      expect(text).toContain(url);
      expect(html.split(`href="${url}"`).length - 1).toBe(2);
    }
    expect(text).not.toMatch(/token=/);
  });

  test("ticket emails link to the customer's view of the ticket, in both parts", () => {
    for (const template of ["ticket-created", "ticket-reply"] as const) {
      const url = samples[template].url ?? "";
      const { html, text } = render(template);
      expect(html).toContain(`href="${url}"`);
      expect(text).toContain(url);
      expect(text).not.toContain("reply to this email");
    }
  });

  test("a ticket confirmation without a link has no button", () => {
    const { url: _, ...withoutUrl } = samples["ticket-created"];
    const email = renderEmail("ticket-created", withoutUrl, acme);
    expect(email.html).not.toContain("<a ");
    expect(email.text).toContain("#42");
  });
});

describe("escaping", () => {
  const attack = `<script>alert("x")</script>`;

  test("a script in a name, a subject and a body is shown as text, never run", () => {
    const email = renderEmail(
      "ticket-reply",
      {
        customerName: attack,
        number: 1,
        subject: `<img src=x onerror=alert(1)>`,
        agentName: `Bob "the builder" O'Neil`,
        body: `Try this:\n${attack}`,
      },
      { name: `<b>Evil & Co</b>` },
    );
    expect(email.html).not.toContain("<script");
    expect(email.html).not.toContain("<img");
    expect(email.html).not.toContain("<b>");
    expect(email.html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(email.html).toContain("&lt;b&gt;Evil &amp; Co&lt;/b&gt;");
    expect(email.html).toContain("Bob &quot;the builder&quot; O&#39;Neil");
    // The text part is plain text, so it shows the input as it was typed.
    expect(email.text).toContain(attack);
  });

  test("Markdown and HTML in an agent's reply stay inert text: no link, handler or script", () => {
    const body = [
      "[click me](javascript:alert(2))",
      '<a href="javascript:alert(3)" onclick="alert(4)">raw link</a>',
      "<img src=x onerror=alert(1)>",
      attack,
    ].join("\n\n");
    const { html } = renderEmail("ticket-reply", { ...samples["ticket-reply"], body }, acme);
    // The only links are the button to the ticket and its spelled-out copy; none comes from the body.
    const hrefs = [...html.matchAll(/<a href="([^"]*)"/g)].map((m) => m[1]);
    expect(html.split("<a ").length - 1).toBe(hrefs.length);
    expect(new Set(hrefs)).toEqual(new Set([samples["ticket-reply"].url]));
    expect(html).not.toContain('href="javascript:');
    expect(html).not.toMatch(/<[^>]+\son[a-z]+=/i);
    expect(html).not.toContain("<script");
    expect(html).toContain("&lt;a href=&quot;javascript:alert(3)&quot;");
  });

  test("a quote in a link cannot break out of the href attribute", () => {
    const url = `https://app.test/verify?t="><script>alert(1)</script>`;
    const { html } = renderEmail("verify-email", { name: "Ada", url }, acme);
    expect(html).not.toContain("<script");
    expect(html).toContain('href="https://app.test/verify?t=&quot;&gt;&lt;script&gt;');
  });

  test("only absolute http(s) links are accepted", () => {
    for (const url of ["javascript:alert(1)", "/relative/path", "data:text/html,hi"]) {
      expect(() => renderEmail("password-reset", { name: "Ada", url }, acme)).toThrow(TypeError);
    }
  });
});

describe("brand colour", () => {
  test("a colour that is not plain hex falls back to the default instead of reaching the CSS", () => {
    const { html } = render("verify-email", {
      name: "Acme",
      primaryColor: "red;background:url(https://evil.test/x)",
    });
    expect(html).not.toContain("evil.test");
    expect(html).toContain(`background-color:${DEFAULT_COLOR}`);
  });

  test("text on a light brand colour is dark, on a dark one white", () => {
    const light = render("verify-email", { name: "Sunny", primaryColor: "#fde047" }).html;
    expect(light).toMatch(/background-color:#fde047;[^"]*color:#18181b/);
    const dark = render("verify-email", { name: "Night", primaryColor: "#1e3a8a" }).html;
    expect(dark).toMatch(/background-color:#1e3a8a;[^"]*color:#ffffff/);
  });
});

test("the data must match the template (checked by tsc)", () => {
  const ada = { customerName: "Ada", subject: "Printer on fire" };
  const mistakes = [
    // @ts-expect-error an invitation needs inviterName, role and email, not name
    () => renderEmail("invitation", { name: "Ada", url: "https://x.test" }, acme),
    // @ts-expect-error a ticket number is a number
    () => renderEmail("ticket-created", { ...ada, number: "42" }, acme),
  ];
  expect(mistakes).toHaveLength(2);
  // @ts-expect-error there is no such template
  expect(() => renderEmail("newsletter", {}, acme)).toThrow('unknown email template "newsletter"');
});
