/** A typed event: `onDidX(listener)` returns a disposer. Listener errors never break emitters. */
export type Disposer = () => void;
export type Event<T> = (listener: (value: T) => void) => Disposer;

export class Emitter<T> {
  private listeners = new Set<(value: T) => void>();
  private errorSink: ((err: unknown) => void) | undefined;

  constructor(onListenerError?: (err: unknown) => void) {
    this.errorSink = onListenerError;
  }

  readonly event: Event<T> = (listener) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  fire(value: T): void {
    for (const l of [...this.listeners]) {
      try {
        l(value);
      } catch (err) {
        this.errorSink?.(err);
      }
    }
  }

  get size(): number {
    return this.listeners.size;
  }

  dispose(): void {
    this.listeners.clear();
  }
}

export interface Disposable {
  dispose(): void | Promise<void>;
}
