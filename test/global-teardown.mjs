export default async function globalTeardown() {
  for (const stop of (globalThis.__ARENA_STOPS__ ?? []).reverse()) {
    await stop().catch((error) => console.error('teardown:', error));
  }
}
