// customers.merge: one customer's tickets and emails move to another, and one customer remains.
// Spread into the customers router.

export const customerMergeProcedures = {};
