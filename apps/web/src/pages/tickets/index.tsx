// The support desk inside a tenant: the tickets inbox, a ticket's thread, customers.
import { Navigate, type RouteObject } from "react-router";
import { CustomerPage, CustomersPage } from "./Customers";
import { InboxPage } from "./Inbox";
import { TicketPage } from "./TicketView";
import "./tickets.css";

export { invalidateTicketQueries } from "./shared";

export const tenantRoutes: RouteObject[] = [
  { index: true, element: <Navigate to="tickets" replace /> },
  { path: "tickets", element: <InboxPage /> },
  { path: "tickets/:id", element: <TicketPage /> },
  { path: "customers", element: <CustomersPage /> },
  { path: "customers/:id", element: <CustomerPage /> },
];
