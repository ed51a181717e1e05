// The knowledge base's frame: its heading and the Articles / Categories tabs.
import { useEffect } from "react";
import { NavLink, Outlet, useParams } from "react-router";
import { useCurrentTenant } from "../../lib/use-session";

export function KbLayout() {
  const { slug } = useParams();
  const tenant = useCurrentTenant();
  useEffect(() => {
    document.title = `Knowledge base · ${tenant?.name ?? "SupportDesk"}`;
  }, [tenant?.name]);
  return (
    <section className="kb" aria-labelledby="kb-heading">
      <div className="kb-head">
        <h1 id="kb-heading">Knowledge base</h1>
        <nav aria-label="Knowledge base" className="kb-tabs">
          <NavLink to={`/t/${slug}/kb`} end>
            Articles
          </NavLink>
          <NavLink to={`/t/${slug}/kb/categories`}>Categories</NavLink>
        </nav>
      </div>
      <Outlet />
    </section>
  );
}
