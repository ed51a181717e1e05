// Merging: a ticket into another (its conversation moves, the source closes with a pointer), and a
// customer into another (tickets and emails move; one customer remains). Never across tenants.
export {};
