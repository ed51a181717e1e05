// The support desk inside a tenant: the tickets inbox, a ticket's thread, customers.
import { Navigate, type RouteObject } from "react-router";
import { InboxPage } from "./Inbox";
import { TicketPage } from "./TicketView";
import "./tickets.css";

export { invalidateTicketQueries } from "./shared";

export const tenantRoutes: RouteObject[] = [
  { index: true, element: <Navigate to="tickets" replace /> },
  { path: "tickets", element: <InboxPage /> },
  { path: "tickets/:id", element: <TicketPage /> },
  // Customers load on first visit (their own chunk).
  {
    path: "customers",
    lazy: async () => ({ Component: (await import("./Customers")).CustomersPage }),
  },
  {
    path: "customers/:id",
    lazy: async () => ({ Component: (await import("./Customers")).CustomerPage }),
  },
];
