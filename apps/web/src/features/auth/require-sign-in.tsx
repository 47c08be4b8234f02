import { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useSignedIn } from './auth.queries';

/** Pages for signed-in users: without a session (none, or its refresh failed) the viewer goes to sign-in and back. */
export function RequireSignIn({ children }: { children: ReactNode }) {
  const signedIn = useSignedIn();
  const location = useLocation();
  if (!signedIn) return <Navigate to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return <>{children}</>;
}
