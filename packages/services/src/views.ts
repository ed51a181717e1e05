// Saved views: a name, filters and a sort, personal or shared with the tenant; live counts.
export {};
