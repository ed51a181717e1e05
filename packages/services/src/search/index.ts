// One search over a tenant's tickets, customers and knowledge-base articles.
export {};
