import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router';
import { router } from './App.tsx';
import { queryClient } from './lib/query.ts';
import { SessionProvider } from './lib/session.tsx';
import { adoptSignOnLanding } from './lib/sso-landing.ts';
import './styles.css';

adoptSignOnLanding();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <SessionProvider>
        <RouterProvider router={router} />
      </SessionProvider>
    </QueryClientProvider>
  </StrictMode>,
);
