import { afterEach, describe, expect, it } from 'vitest';
import { FleetExporter, type FleetReadingsSource } from '../../../electron/core/export/FleetExporter';
import { parseListenAddress, startMetricsServer, type MetricsServer } from '../../../electron/hosts/cli/metricsServer';
import { createLogger } from '../../../electron/core/util/logger';

const logger = createLogger('test', { level: 'error', stderr: false });
const empty: FleetReadingsSource = { read: () => Promise.resolve({ servers: [], openAlerts: [], qps: new Map(), verdicts: [] }) };

describe('parseListenAddress', () => {
  it('takes loopback addresses', () => {
    expect(parseListenAddress('127.0.0.1:9469', false)).toEqual({ host: '127.0.0.1', port: 9469 });
    expect(parseListenAddress('[::1]:9469', false)).toEqual({ host: '::1', port: 9469 });
    expect(parseListenAddress('localhost:0', false)).toEqual({ host: 'localhost', port: 0 });
  });

  it('refuses a non-loopback address unless remote serving is asked for, and says why', () => {
    expect(() => parseListenAddress('0.0.0.0:9469', false)).toThrow(/not a loopback address.*--metrics-allow-remote/);
    expect(() => parseListenAddress('192.168.1.5:9469', false)).toThrow(/--metrics-allow-remote/);
    expect(() => parseListenAddress('[::]:9469', false)).toThrow(/--metrics-allow-remote/);
    expect(parseListenAddress('0.0.0.0:9469', true)).toEqual({ host: '0.0.0.0', port: 9469 });
  });

  it('refuses what is not host:port', () => {
    expect(() => parseListenAddress('9469', false)).toThrow(/host:port/);
    expect(() => parseListenAddress('127.0.0.1:99999', false)).toThrow(/out of range/);
    expect(() => parseListenAddress('example.com:9469', true)).toThrow(/not an IP address/);
  });
});

describe('startMetricsServer', () => {
  let server: MetricsServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  const url = (path: string) => `http://127.0.0.1:${server!.address.port}${path}`;

  it('serves GET /metrics in the text format and nothing else', async () => {
    server = await startMetricsServer(new FleetExporter({ source: empty }), { host: '127.0.0.1', port: 0 }, logger);
    const ok = await fetch(url('/metrics'));
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(await ok.text()).toContain('# TYPE dnsfleet_server_live gauge');
    expect((await fetch(url('/'))).status).toBe(404);
    expect((await fetch(url('/metrics/../admin'))).status).toBe(404);
    expect((await fetch(url('/metrics'), { method: 'POST', body: 'x' })).status).toBe(405);
  });

  it('answers 500 when the core cannot be read, and keeps serving', async () => {
    let fail = true;
    const flaky: FleetReadingsSource = { read: () => (fail ? Promise.reject(new Error('core busy')) : empty.read()) };
    server = await startMetricsServer(new FleetExporter({ source: flaky }), { host: '127.0.0.1', port: 0 }, logger);
    expect((await fetch(url('/metrics'))).status).toBe(500);
    fail = false;
    expect((await fetch(url('/metrics'))).status).toBe(200);
  });
});
