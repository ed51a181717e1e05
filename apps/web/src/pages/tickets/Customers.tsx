// Customers: a searchable list in cursor pages, adding one, and one customer with their tickets.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, type ReactNode, useEffect, useState } from "react";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import { errorField, errorMessage, useTRPC } from "../../lib/trpc";
import { useCan } from "../../lib/use-can";
import { useDebounced } from "../../lib/use-debounced";
import { useCurrentTenant } from "../../lib/use-session";
import { Button, EmptyState, ErrorState, Field, Spinner } from "../../ui";
import { CustomerMerge } from "./CustomerMerge";
import { isNotFound, StatusBadge, Time } from "./shared";

function NewCustomerPanel({ onClose }: { onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { slug } = useParams();
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [company, setCompany] = useState("");
  const create = useMutation(
    trpc.customers.create.mutationOptions({
      onSuccess: async (customer) => {
        await queryClient.invalidateQueries({ queryKey: trpc.customers.list.pathKey() });
        onClose();
        navigate(`/t/${slug}/customers/${customer.id}`);
      },
    }),
  );
  const field = errorField(create.error);
  const errorFor = (name: string) => (field === name ? errorMessage(create.error) : null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ name, email, company: company.trim() || undefined });
  };
  return (
    <form className="card new-customer" onSubmit={submit} aria-labelledby="new-customer-title">
      <h2 id="new-customer-title">New customer</h2>
      <div className="form-grid">
        <Field
          label="Name"
          value={name}
          required
          autoFocus
          onChange={(e) => setName(e.target.value)}
          error={errorFor("name")}
        />
        <Field
          label="Email"
          type="email"
          value={email}
          required
          onChange={(e) => setEmail(e.target.value)}
          error={errorFor("email")}
        />
        <Field
          label="Company"
          value={company}
          hint="Optional"
          onChange={(e) => setCompany(e.target.value)}
          error={errorFor("company")}
        />
      </div>
      {create.error && !field ? (
        <div className="error" role="alert">
          {errorMessage(create.error)}
        </div>
      ) : null}
      <div className="dialog-actions">
        <Button type="button" variant="secondary" onClick={onClose}>
          Cancel
        </Button>
        <Button type="submit" busy={create.isPending}>
          Add customer
        </Button>
      </div>
    </form>
  );
}

export function CustomersPage() {
  const { slug } = useParams();
  const trpc = useTRPC();
  const canWrite = useCan("customer.write");
  const tenant = useCurrentTenant();
  const [params, setParams] = useSearchParams();
  const [text, setText] = useState(params.get("q") ?? "");
  const q = useDebounced(text.trim(), 300);
  const [adding, setAdding] = useState(false);

  useEffect(() => {
    setParams(q ? { q } : {}, { replace: true });
  }, [q, setParams]);
  useEffect(() => {
    document.title = `Customers · ${tenant?.name ?? "SupportDesk"}`;
  }, [tenant?.name]);

  const list = useInfiniteQuery(
    trpc.customers.list.infiniteQueryOptions(
      { perPage: 25, q: q || undefined },
      { getNextPageParam: (page) => page.pagination.next_cursor ?? undefined },
    ),
  );
  const rows = list.data?.pages.flatMap((p) => p.data) ?? [];

  const nextPageError = list.isFetchNextPageError ? list.error : null;
  let body: ReactNode;
  if (list.isPending) body = <Spinner label="Loading customers" />;
  else if (list.isError && !list.isFetchNextPageError)
    body = <ErrorState message={errorMessage(list.error)} onRetry={() => void list.refetch()} />;
  else if (rows.length === 0)
    body = q ? (
      <EmptyState title={`No customers match “${q}”`}>
        <Button variant="secondary" onClick={() => setText("")}>
          Clear search
        </Button>
      </EmptyState>
    ) : (
      <EmptyState title="No customers yet">
        <p>Customers appear when they write in, or when you add them.</p>
      </EmptyState>
    );
  else
    body = (
      <>
        <div className="table-wrap card flush">
          <table className="table">
            <caption className="visually-hidden">Customers</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col" className="hide-sm">
                  Company
                </th>
                <th scope="col" className="hide-sm">
                  Added
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((c) => (
                <tr key={c.id}>
                  <td>
                    <Link to={`/t/${slug}/customers/${c.id}`}>{c.name}</Link>
                  </td>
                  <td className="break">{c.email}</td>
                  <td className="hide-sm">{c.company ?? <span className="muted">—</span>}</td>
                  <td className="hide-sm muted">
                    <Time value={c.createdAt} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="load-more">
          {nextPageError ? (
            <ErrorState
              message={errorMessage(nextPageError)}
              onRetry={() => void list.fetchNextPage()}
            />
          ) : list.hasNextPage ? (
            <Button
              variant="secondary"
              busy={list.isFetchingNextPage}
              onClick={() => void list.fetchNextPage()}
            >
              Load more
            </Button>
          ) : (
            <span className="muted small">
              {rows.length} {rows.length === 1 ? "customer" : "customers"}
            </span>
          )}
        </div>
      </>
    );

  return (
    <section aria-labelledby="customers-heading">
      <div className="page-head">
        <h1 id="customers-heading">Customers</h1>
        {canWrite && !adding ? (
          <Button onClick={() => setAdding(true)} className="page-head-action">
            New customer
          </Button>
        ) : null}
      </div>
      {adding ? <NewCustomerPanel onClose={() => setAdding(false)} /> : null}
      <div className="filters card">
        <div className="field search-field">
          <label htmlFor="customer-search">Search customers</label>
          <input
            id="customer-search"
            type="search"
            placeholder="Name, email or company"
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
        </div>
      </div>
      {body}
    </section>
  );
}

export function CustomerPage() {
  const { slug, id = "" } = useParams();
  const trpc = useTRPC();
  const tenant = useCurrentTenant();
  const customer = useQuery(trpc.customers.get.queryOptions({ id }));
  const back = (
    <Link to={`/t/${slug}/customers`} className="back-link">
      ← All customers
    </Link>
  );
  if (customer.isPending) return <Spinner label="Loading customer" />;
  if (customer.isError) {
    if (isNotFound(customer.error)) {
      return (
        <EmptyState title={`This customer does not exist in ${tenant?.name ?? slug}`}>
          <Link to={`/t/${slug}/customers`}>Back to customers</Link>
        </EmptyState>
      );
    }
    return (
      <>
        {back}
        <ErrorState
          message={errorMessage(customer.error)}
          onRetry={() => void customer.refetch()}
        />
      </>
    );
  }
  const c = customer.data;
  return (
    <article aria-labelledby="customer-title">
      {back}
      <header className="ticket-header">
        <h1 id="customer-title">{c.name}</h1>
        <p className="muted">
          <a href={`mailto:${c.email}`}>{c.email}</a>
          {c.company ? ` · ${c.company}` : ""} · customer since <Time value={c.createdAt} />
        </p>
        <CustomerMerge customer={c} />
      </header>
      <section className="card flush" aria-labelledby="customer-tickets">
        <h2 id="customer-tickets" className="card-title">
          Tickets
        </h2>
        {c.tickets.length === 0 ? (
          <EmptyState title="No tickets from this customer yet" />
        ) : (
          <ul className="simple-list">
            {c.tickets.map((t) => (
              <li key={t.id}>
                <span className="muted ticket-number">#{t.number}</span>
                <Link to={`/t/${slug}/tickets/${t.id}`}>{t.subject}</Link>
                <StatusBadge status={t.status} />
                <span className="muted small">
                  <Time value={t.createdAt} />
                </span>
              </li>
            ))}
          </ul>
        )}
        {c.tickets.length >= 20 ? (
          <p className="hint card-foot">Showing the 20 most recent tickets.</p>
        ) : null}
      </section>
    </article>
  );
}
