// Canned replies (macros): shared with the tenant or one agent's own; a body with placeholders
// and actions applied with it.
export {};
