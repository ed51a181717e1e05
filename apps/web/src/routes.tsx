// The route table. Each area exports its routes from its folder's index, so areas grow apart.
import type { RouteObject } from "react-router";
import { AppShell } from "./layout/AppShell";
import { accountRoutes, publicRoutes, RequireSession, rootRoute } from "./pages/auth";
import { kbRoutes } from "./pages/kb";
import { reportsRoutes } from "./pages/reports";
import { searchRoutes } from "./pages/search";
import { settingsRoutes } from "./pages/settings";
import { tenantRoutes } from "./pages/tickets";

export const routes: RouteObject[] = [
  ...publicRoutes,
  {
    element: <RequireSession />,
    children: [
      rootRoute,
      ...accountRoutes,
      {
        path: "/t/:slug",
        element: <AppShell />,
        children: [
          ...tenantRoutes,
          ...searchRoutes,
          ...kbRoutes,
          ...settingsRoutes,
          ...reportsRoutes,
        ],
      },
    ],
  },
];
