// The signed-in session: tokens in localStorage so that a reload keeps it; components subscribe to changes.
const STORAGE_KEY = 'arena.session';

export interface SessionTokens {
  accessToken: string;
  refreshToken: string;
}

type Listener = () => void;
const listeners = new Set<Listener>();

function read(): SessionTokens | null {
  try {
    const value = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as Partial<SessionTokens> | null;
    return value?.accessToken && value.refreshToken ? { accessToken: value.accessToken, refreshToken: value.refreshToken } : null;
  } catch {
    return null;
  }
}

let current = read();

/** The tokens now, re-read from storage: another tab may have refreshed them. */
export function getSession(): SessionTokens | null {
  const stored = read();
  if (stored?.accessToken !== current?.accessToken) current = stored;
  return current;
}

export function setSession(tokens: SessionTokens | null): void {
  current = tokens;
  if (tokens) localStorage.setItem(STORAGE_KEY, JSON.stringify(tokens));
  else localStorage.removeItem(STORAGE_KEY);
  for (const listener of listeners) listener();
}

export function subscribeSession(listener: Listener): () => void {
  listeners.add(listener);
  const onStorage = (event: StorageEvent) => {
    if (event.key === STORAGE_KEY) {
      current = read();
      listener();
    }
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}
