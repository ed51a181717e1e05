// One notification as a link (in the bell's dropdown and on the notifications page), and the bell.
import { Link } from "react-router";
import { Ago } from "../shared";
import { describe, type NotificationItem } from "./shared";

export function NotificationLink({
  item,
  href,
  onOpen,
}: {
  item: NotificationItem;
  href: string;
  onOpen: () => void;
}) {
  const { title, detail, actor } = describe(item);
  return (
    <li className={item.readAt ? "sd-notification" : "sd-notification sd-unread"}>
      <Link to={href} onClick={onOpen}>
        {item.readAt ? null : <span className="visually-hidden">Unread: </span>}
        <span className="sd-notification-title">{title}</span>
        <span className="sd-notification-meta">
          {detail}
          {actor ? ` · ${actor}` : ""} · <Ago value={item.createdAt} />
        </span>
      </Link>
    </li>
  );
}

export function BellIcon() {
  return (
    <svg width="20" height="20" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
        strokeLinejoin="round"
        d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9M13.73 21a2 2 0 0 1-3.46 0"
      />
    </svg>
  );
}
