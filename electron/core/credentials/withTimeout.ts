import type { Clock } from '../platform';

export class TimeoutError extends Error {
  constructor(what: string, ms: number) {
    super(`${what} did not answer within ${ms} ms`);
    this.name = 'TimeoutError';
  }
}

/** Bounds a keychain call: a missing or wedged D-Bus can leave libsecret waiting forever. */
export function withTimeout<T>(clock: Clock, ms: number, what: string, work: () => Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = clock.setTimeout(() => reject(new TimeoutError(what, ms)), ms);
    let started: Promise<T>;
    try {
      started = work();
    } catch (err) {
      clock.clearTimeout(timer);
      reject(err instanceof Error ? err : new Error(String(err)));
      return;
    }
    started.then(
      (value) => {
        clock.clearTimeout(timer);
        resolve(value);
      },
      (err: unknown) => {
        clock.clearTimeout(timer);
        reject(err instanceof Error ? err : new Error(String(err)));
      },
    );
  });
}
