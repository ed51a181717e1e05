// Custom ticket fields: admin-defined definitions, and the values on a ticket checked against them.
export {};
