// Merging: a ticket into another (its conversation moves, the source closes with a pointer), and a
// customer into another (tickets and emails move; one customer remains). Never across tenants:
// every row is read through the tenant's transaction, so another tenant's id is NOT_FOUND.
export { mergeCustomers } from "./merge-customers";
export type { Moved } from "./merge-moves";
export { mergeTickets } from "./merge-tickets";
