// tickets.merge: a ticket's conversation moves into another, and the source closes with a pointer.
// Spread into the tickets router.

export const mergeProcedures = {};
