import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App } from './App';
import { pageRoutes } from './routes';
import { shouldRetry } from './hooks';
import './styles.css';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      retry: shouldRetry,
      // The SSE stream tells us when the board changes; no polling.
      staleTime: 30_000,
      refetchInterval: false,
    },
  },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App extraRoutes={pageRoutes} />
    </QueryClientProvider>
  </StrictMode>,
);
