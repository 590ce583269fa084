import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebHost, type WebHostProcess } from './webHost';

// Request targets Node's HTTP parser accepts but `new URL` refuses: they reached the request and
// upgrade listeners of the browser host, where a throw is an uncaught exception (no token needed).
function rawRequest(port: number, target: string, upgrade: boolean): Promise<string> {
  return new Promise((resolve) => {
    const headers = upgrade ? 'Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n' : 'Connection: close\r\n';
    const s = connect(port, '127.0.0.1', () => s.write(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n${headers}\r\n`));
    let got = '';
    s.on('data', (d: Buffer) => (got += d.toString()));
    s.on('error', () => resolve(`error`));
    s.on('close', () => resolve(got.split('\r\n')[0] ?? ''));
    s.setTimeout(5000, () => s.destroy());
  });
}

describe('browser host: malformed request targets', () => {
  let host: WebHostProcess;
  beforeAll(async () => {
    host = await startWebHost();
  }, 40_000);
  afterAll(async () => host?.stop());

  it('answers them with an error status and keeps serving', async () => {
    for (const target of ['http://[', '//[', 'http://a:b:c/', 'http://%zz/']) {
      for (const upgrade of [false, true]) {
        const status = await rawRequest(host.port, target, upgrade);
        expect(status, `${target} upgrade=${upgrade}`).toMatch(/^HTTP\/1\.1 4\d\d/);
      }
    }
    expect(await rawRequest(host.port, '/', false)).toMatch(/^HTTP\/1\.1 200/);
    expect(host.child.exitCode).toBeNull();
  }, 60_000);
});
