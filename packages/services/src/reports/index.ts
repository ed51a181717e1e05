// reports: filled in by its own work (see the service-levels issue).
export {};
