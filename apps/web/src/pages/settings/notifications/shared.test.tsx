import { describe, expect, test } from "bun:test";
import { renderToStaticMarkup } from "react-dom/server";
import { MemoryRouter } from "react-router";
import { NotificationLink } from "./NotificationLink";
import { describe as describeNotification, type NotificationItem, ticketHref } from "./shared";

const TICKET = "0b6e2f4c-2d7a-4c1e-9f3a-5e8d7c6b5a49";

function item(type: string, payload: Record<string, unknown>, readAt: string | null = null) {
  return {
    id: "n1",
    type,
    payload,
    readAt,
    createdAt: new Date().toISOString(),
  } satisfies NotificationItem;
}

describe("describe (what a notification says)", () => {
  test("a reply on a ticket", () => {
    expect(
      describeNotification(
        item("message.created", {
          number: 42,
          subject: "Refund please",
          actorName: "Ada",
          ticketId: TICKET,
        }),
      ),
    ).toEqual({
      title: "New reply #42",
      detail: "#42 · Refund please",
      actor: "Ada",
      ticketId: TICKET,
      kind: "New reply",
    });
  });

  test("every known type has its label", () => {
    expect(describeNotification(item("ticket.created", { number: 1 })).title).toBe("New ticket #1");
    expect(describeNotification(item("ticket.assigned", {})).title).toBe("Assigned to you");
    expect(describeNotification(item("ticket.updated", {})).kind).toBe("Ticket updated");
    expect(describeNotification(item("note.created", {})).kind).toBe("Internal note");
  });

  test("the payload's own title wins", () => {
    expect(describeNotification(item("ticket.created", { title: "Custom", number: 3 })).title).toBe(
      "Custom",
    );
  });

  test("an unknown type still reads sensibly", () => {
    const text = describeNotification(item("billing.failed", { number: 7 }));
    expect(text.title).toBe("Update #7");
    expect(text.kind).toBe("billing.failed");
    expect(describeNotification(item("billing.failed", {})).title).toBe("Update");
  });

  test("payload fields of the wrong type are ignored, not shown", () => {
    const text = describeNotification(
      item("message.created", {
        number: "42",
        subject: { html: "<b>x</b>" },
        actorName: 5,
        ticketId: ["x"],
        title: null,
      }),
    );
    expect(text).toEqual({
      title: "New reply",
      detail: "",
      actor: undefined,
      ticketId: undefined,
      kind: "New reply",
    });
  });
});

describe("ticketHref", () => {
  test("the ticket in this tenant, or the notifications page when there is none", () => {
    expect(ticketHref("acme", item("message.created", { ticketId: TICKET }))).toBe(
      `/t/acme/tickets/${TICKET}`,
    );
    expect(ticketHref("acme", item("ticket.updated", {}))).toBe("/t/acme/notifications");
    expect(ticketHref("acme", item("ticket.updated", { ticketId: 12 }))).toBe(
      "/t/acme/notifications",
    );
  });
});

describe("NotificationLink", () => {
  const render = (notification: NotificationItem) =>
    renderToStaticMarkup(
      <MemoryRouter>
        <NotificationLink
          item={notification}
          href={ticketHref("acme", notification)}
          onOpen={() => {}}
        />
      </MemoryRouter>,
    );
  const payload = { number: 42, subject: "Refund please", actorName: "Ada", ticketId: TICKET };

  test("an unread one is marked, for eyes and for screen readers", () => {
    const html = render(item("message.created", payload));
    expect(html).toStartWith('<li class="sd-notification sd-unread">');
    expect(html).toContain('<span class="visually-hidden">Unread: </span>');
    expect(html).toContain(`href="/t/acme/tickets/${TICKET}"`);
    expect(html).toContain('<span class="sd-notification-title">New reply #42</span>');
    expect(html).toContain("#42 · Refund please · Ada · ");
  });

  test("a read one is not", () => {
    const html = render(item("message.created", payload, new Date().toISOString()));
    expect(html).toStartWith('<li class="sd-notification">');
    expect(html).not.toContain("Unread");
  });
});
