/**
 * `work`'s result, or an `Error(message)` once `ms` have passed, whichever comes first; the
 * timer is cleared either way. `work` is not cancelled: what it does later is discarded
 * (its rejection too, as the race handles it).
 */
export async function withinTime<T>(work: T | Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}
