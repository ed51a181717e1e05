// The search field in the header: `/` focuses it from anywhere but a text field; Enter opens the
// results page with the words in the URL.
import { useEffect, useId, useRef, useState } from "react";
import { useNavigate, useParams, useSearchParams } from "react-router";
import { useShortcuts } from "../../lib/shortcuts";

export function HeaderSearch() {
  const { slug } = useParams();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const input = useRef<HTMLInputElement>(null);
  const id = useId();
  const [q, setQ] = useState("");

  // On the results page the field shows what was searched.
  const current = params.get("q") ?? "";
  useEffect(() => {
    if (window.location.pathname.endsWith("/search")) setQ(current);
  }, [current]);

  useShortcuts({
    "/": () => {
      input.current?.focus();
      input.current?.select();
    },
  });

  return (
    <search className="header-search">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          const words = q.trim().slice(0, 200);
          if (!words) return;
          navigate(`/t/${slug}/search?${new URLSearchParams({ q: words })}`);
        }}
      >
        <label htmlFor={id} className="visually-hidden">
          Search tickets, customers and articles
        </label>
        <input
          id={id}
          ref={input}
          type="search"
          placeholder="Search  ( / )"
          aria-keyshortcuts="/"
          value={q}
          maxLength={200}
          onChange={(event) => setQ(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === "Escape") input.current?.blur();
          }}
        />
      </form>
    </search>
  );
}
