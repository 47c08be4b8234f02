/** Where to go after signing in: only a path of this app (never another origin, //host or javascript:). */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/events';
}
