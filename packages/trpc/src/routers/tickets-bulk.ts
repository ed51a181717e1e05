// tickets.bulk*: one change applied to many selected tickets (or every ticket matching a filter).
// Spread into the tickets router.

export const bulkProcedures = {};
