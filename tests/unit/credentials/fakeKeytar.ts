import type { KeytarApi } from '../../../electron/core/credentials/keytarModule';

/** An in-memory keychain with switches for the failures real keychains have. */
export class FakeKeytar implements KeytarApi {
  readonly items = new Map<string, string>();
  /** 'locked': writes rejected like a locked collection; 'hang': every call never settles. */
  mode: 'ok' | 'locked' | 'hang' | 'gone' = 'ok';
  calls: string[] = [];

  private gate(op: string): Promise<void> {
    this.calls.push(op);
    if (this.mode === 'hang') return new Promise(() => {});
    if (this.mode === 'gone') return Promise.reject(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY'));
    return Promise.resolve();
  }

  async getPassword(service: string, account: string): Promise<string | null> {
    await this.gate('get');
    return this.items.get(`${service}/${account}`) ?? null;
  }

  async setPassword(service: string, account: string, password: string): Promise<void> {
    await this.gate('set');
    if (this.mode === 'locked') throw new Error('Cannot create an item in a locked collection');
    this.items.set(`${service}/${account}`, password);
  }

  async deletePassword(service: string, account: string): Promise<boolean> {
    await this.gate('delete');
    return this.items.delete(`${service}/${account}`);
  }

  /** Must never be called: it crashes the process on a locked Secret Service collection. */
  findCredentials(): Promise<never> {
    this.calls.push('find');
    return Promise.reject(new Error('findCredentials must not be used'));
  }
}

export function capturingLogger() {
  const lines: string[] = [];
  const logger = {
    debug: (m: string, f?: object) => lines.push(JSON.stringify({ m, f, l: 'debug' })),
    info: (m: string, f?: object) => lines.push(JSON.stringify({ m, f, l: 'info' })),
    warn: (m: string, f?: object) => lines.push(JSON.stringify({ m, f: f && JSON.parse(JSON.stringify(f, errToJson)), l: 'warn' })),
    error: (m: string, f?: object) => lines.push(JSON.stringify({ m, f: f && JSON.parse(JSON.stringify(f, errToJson)), l: 'error' })),
    child: () => logger,
  };
  return { logger, lines };
}

function errToJson(_key: string, value: unknown): unknown {
  return value instanceof Error ? { message: value.message } : value;
}
