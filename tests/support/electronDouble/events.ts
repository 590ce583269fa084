/** Electron's preventable events, as plain records a test can inspect afterwards. */
export interface PreventableRecord {
  preventDefault(): void;
  defaultPrevented: boolean;
}

export const preventable = <T extends object>(extra?: T): PreventableRecord & T =>
  Object.assign(
    {
      defaultPrevented: false,
      preventDefault() {
        this.defaultPrevented = true;
      },
    },
    extra,
  ) as PreventableRecord & T;

/** What every part of one double shares: the journal of what the app did, in order. */
export interface DoubleContext {
  note(entry: string): void;
}
