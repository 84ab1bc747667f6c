/**
 * Long synchronous work driven from an async loop (a simulation's steps, a
 * merge's copies) gives the event loop a turn every `everyMs` milliseconds,
 * so that SIGINT and SIGTERM are answered at once on the main thread too.
 * Wall time decides only when to pause, never what is computed.
 */
export function turnTaker(everyMs = 25): () => Promise<void> | undefined {
  let last = performance.now();
  return () => {
    if (performance.now() - last < everyMs) return undefined;
    return new Promise<void>((resolve) =>
      setImmediate(() => {
        last = performance.now();
        resolve();
      }),
    );
  };
}
