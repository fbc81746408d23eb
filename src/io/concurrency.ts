/**
 * At most `limit` tasks of one kind at a time; the rest wait their turn in order. Used where each
 * task is heavy (a Ghostscript process, a page's rendering): on a 2-core machine, starting all of
 * them at once only adds memory and switching, not speed.
 */
export type Limiter = <T>(task: () => Promise<T>) => Promise<T>;

export function limitConcurrency(limit: number): Limiter {
  const cap = Math.max(1, Math.floor(limit));
  let running = 0;
  const waiting: Array<() => void> = [];
  const next = (): void => {
    running--;
    waiting.shift()?.();
  };
  return <T>(task: () => Promise<T>): Promise<T> => new Promise<T>((resolve, reject) => {
    const start = (): void => {
      running++;
      task().then(resolve, reject).finally(next);
    };
    if (running < cap) start();
    else waiting.push(start);
  });
}
