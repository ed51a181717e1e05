// Bulk actions: one change applied to many tickets, one audit row each; large selections as a job.
export {};
