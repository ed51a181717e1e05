// Entry: the query client, the typed tRPC client, the router.
import { QueryClientProvider } from "@tanstack/react-query";
import { StrictMode, useState } from "react";
import { createRoot } from "react-dom/client";
import { createBrowserRouter, RouterProvider } from "react-router";
import { startRestoring } from "./lib/session";
import { createClients, TRPCProvider } from "./lib/trpc";
import { routes } from "./routes";
import "./styles.css";

// The access token lives in memory: ask for one from the refresh cookie right away.
startRestoring();
const router = createBrowserRouter(routes);

function App() {
  const [{ queryClient, trpcClient }] = useState(createClients);
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        <RouterProvider router={router} />
      </TRPCProvider>
    </QueryClientProvider>
  );
}

const root = document.getElementById("root");
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
