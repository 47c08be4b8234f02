import { createBrowserRouter, Navigate } from 'react-router';
import { AppLayout } from './components/app-layout';
import { RouteError } from './components/route-error';

// Every page is its own chunk: the first load carries only the shell.
export const router = createBrowserRouter([
  {
    element: <AppLayout />,
    errorElement: <RouteError />,
    children: [
      { index: true, element: <Navigate to="/events" replace /> },
      { path: 'events', lazy: () => import('./features/events/events.page').then((m) => ({ Component: m.EventsPage })) },
      { path: 'events/:slug', lazy: () => import('./features/events/event.page').then((m) => ({ Component: m.EventPage })) },
      { path: 'events/:slug/challenges', lazy: () => import('./features/ctf/challenges.page').then((m) => ({ Component: m.ChallengesPage })) },
      { path: 'sign-in', lazy: () => import('./features/auth/sign-in.page').then((m) => ({ Component: m.SignInPage })) },
      { path: 'sign-up', lazy: () => import('./features/auth/sign-up.page').then((m) => ({ Component: m.SignUpPage })) },
      { path: 'profile', lazy: () => import('./features/auth/profile.page').then((m) => ({ Component: m.ProfilePage })) },
      { path: '*', lazy: () => import('./components/not-found.page').then((m) => ({ Component: m.NotFoundPage })) },
    ],
  },
]);
