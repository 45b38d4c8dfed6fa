/**
 * Single calls made in the same turn of the event loop, answered by one call for all of them. The
 * worker starts every job of a claimed batch in one synchronous loop, so the handlers' first reads
 * arrive together and cost one round trip instead of one each.
 */
export function coalesce<I, O>(runMany: (inputs: I[]) => Promise<O[]>): (input: I) => Promise<O> {
  let queue: { input: I; resolve: (o: O) => void; reject: (e: unknown) => void }[] = [];
  const flush = async () => {
    const batch = queue;
    queue = [];
    try {
      const outputs = await runMany(batch.map((q) => q.input));
      batch.forEach((q, i) => q.resolve(outputs[i]!));
    } catch (e) {
      for (const q of batch) q.reject(e);
    }
  };
  return (input) =>
    new Promise<O>((resolve, reject) => {
      queue.push({ input, resolve, reject });
      if (queue.length === 1) queueMicrotask(() => void flush());
    });
}
