/**
 * `eventually(what, probe, timeoutMs, everyMs)`: polls `probe` until it returns something other than
 * undefined (errors count as "not yet"), or fails naming `what` and the last error. End-to-end tests wait
 * on a real cluster with it instead of sleeping for a guessed time.
 */
export async function eventually<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 20_000, everyMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await fn();
      if (v !== undefined) return v;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}
