// Search inside a tenant: the header's field (registered in the shell's slot) and the results page.
import type { RouteObject } from "react-router";

export { HeaderSearch } from "./HeaderSearch";

export const searchRoutes: RouteObject[] = [
  { path: "search", lazy: async () => ({ Component: (await import("./SearchPage")).SearchPage }) },
];
