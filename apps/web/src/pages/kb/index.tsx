// The knowledge base inside a tenant: articles (list, search, editor) and categories. The pages
// load on first visit (their own chunk), for those holding kb.read.
import type { RouteObject } from "react-router";
import { RequirePermission } from "../settings/SettingsLayout";
import { KbLayout } from "./KbLayout";
import "./kb.css";

type Page = () => React.ReactNode;

function page(load: () => Promise<Page>): RouteObject["lazy"] {
  return async () => {
    const Page = await load();
    return {
      element: (
        <RequirePermission permission="kb.read">
          <Page />
        </RequirePermission>
      ),
    };
  };
}

export const kbRoutes: RouteObject[] = [
  {
    path: "kb",
    element: <KbLayout />,
    children: [
      { index: true, lazy: page(async () => (await import("./Articles")).ArticlesPage) },
      { path: "categories", lazy: page(async () => (await import("./Categories")).CategoriesPage) },
      { path: "new", lazy: page(async () => (await import("./EditorPage")).NewArticlePage) },
      {
        path: "articles/:id",
        lazy: page(async () => (await import("./EditorPage")).EditArticlePage),
      },
    ],
  },
];
