// Reports: volume, response times, SLA, satisfaction and backlog over a range (loads on first visit).
import type { RouteObject } from "react-router";
import { RequirePermission } from "../settings/SettingsLayout";

export const reportsRoutes: RouteObject[] = [
  {
    path: "reports",
    lazy: async () => {
      const { ReportsPage } = await import("./ReportsPage");
      return {
        element: (
          <RequirePermission permission="report.read">
            <ReportsPage />
          </RequirePermission>
        ),
      };
    },
  },
];
