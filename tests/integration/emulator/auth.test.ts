import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, totp, type EmulatedServer } from '../../../electron/emulator';
import { connect, get, login } from './helpers';

const SECRET = 'JBSWY3DPEHPK3PXP';
let server: EmulatedServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

const claims = (jwt: string): Record<string, unknown> =>
  JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString()) as Record<string, unknown>;

describe('§1 auth', () => {
  it('login returns every LoginResponse key in order, and JWT claims per §1.2', async () => {
    server = await startEmulator();
    const r = await login(server);
    expect(r.status).toBe(200);
    expect(Object.keys(r.body)).toEqual([
      'access_token',
      'refresh_token',
      'token_type',
      'session_token',
      'requires_2fa',
      'temporary_token',
    ]);
    expect(r.body['temporary_token']).toBeNull();
    expect(String(r.body['session_token'])).toHaveLength(43);
    const access = claims(r.body['access_token'] as string);
    expect(Object.keys(access)).toEqual(['sub', 'user_id', 'is_admin', 'exp']);
    expect(access).toMatchObject({ sub: 'monitor', user_id: 1, is_admin: true });
    expect(claims(r.body['refresh_token'] as string)['type']).toBe('refresh');
  });

  it('2FA: 200 requires_2fa, 401 bad code, 422 bad format, then success', async () => {
    server = await startEmulator({ users: [{ username: 'ops', password: 'pw', totpSecret: SECRET }] });
    const step = await login(server, 'ops', 'pw');
    expect(step.status).toBe(200);
    expect(step.body).toMatchObject({ access_token: null, refresh_token: null, session_token: null, requires_2fa: true });
    expect(claims(step.body['temporary_token'] as string)).toMatchObject({ sub: 'ops', temp: true });
    const wrong = totp(SECRET, Date.now() + 10 * 60_000);
    expect((await login(server, 'ops', 'pw', wrong)).body).toEqual({ detail: 'Invalid 2FA code' });
    const bad = await login(server, 'ops', 'pw', '12345');
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body)).toEqual(['message', 'error_code', 'details', 'suggestions', 'timestamp', 'path', 'method']);
    expect(bad.body['error_code']).toBe('VALIDATION_ERROR');
    const ok = await login(server, 'ops', 'pw', totp(SECRET, Date.now()));
    expect(ok.status).toBe(200);
    expect(ok.body['requires_2fa']).toBe(false);
    expect(server.control.users.failedAttempts('ops')).toBe(0); // bad 2FA does not count
  });

  it('401 Invalid credentials counts; 423 after 5 failures is permanent (Q10); 403 disabled; 422 short username', async () => {
    server = await startEmulator({
      users: [
        { username: 'monitor', password: 'monitor-pass' },
        { username: 'gone', password: 'x', disabled: true },
      ],
      fail2ban: false,
    });
    for (let i = 0; i < 5; i++) {
      const r = await login(server, 'monitor', 'wrong');
      expect(r.status).toBe(401);
      expect(r.body).toEqual({ detail: 'Invalid credentials' });
    }
    expect(server.control.users.failedAttempts('monitor')).toBe(5);
    const locked = await login(server);
    expect(locked.status).toBe(423);
    expect(locked.body).toEqual({ detail: 'Account is temporarily locked due to multiple failed attempts' });
    expect((await login(server, 'gone', 'x')).status).toBe(403);
    expect((await login(server, 'ab', 'x')).status).toBe(422);
    expect((await login(server, 'nobody', 'x')).status).toBe(401);
  });

  it('refresh: new access token without is_admin, refresh token not rotated, 401 on bad token', async () => {
    server = await startEmulator();
    const r = await login(server);
    const post = (body: unknown): Promise<Response> =>
      fetch(`${server?.url}/api/auth/refresh`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const res = await post({ refresh_token: r.body['refresh_token'] });
    const body = (await res.json()) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(['access_token', 'token_type']);
    expect(Object.keys(claims(body['access_token'] as string))).toEqual(['sub', 'user_id', 'exp']);
    expect((await get(server, '/api/auth/me', body['access_token'] as string)).status).toBe(200);
    const bad = await post({ refresh_token: r.body['access_token'] }); // no type:"refresh"
    expect(bad.status).toBe(401);
    expect(await bad.json()).toEqual({ detail: 'Invalid refresh token' });
    expect(server.control.stats().refreshes).toBe(1);
  });

  it('me: UserInfo; 403 Not authenticated without header; 401 Invalid token once expired', async () => {
    server = await startEmulator();
    const t = (await login(server)).body['access_token'] as string;
    const me = await get(server, '/api/auth/me', t);
    expect(Object.keys(me.body as object)).toEqual([
      'id',
      'username',
      'email',
      'is_active',
      'is_superuser',
      'two_factor_enabled',
      'last_login',
      'created_at',
    ]);
    expect((await get(server, '/api/auth/me')).body).toEqual({ detail: 'Not authenticated' });
    expect((await get(server, '/api/auth/me')).status).toBe(403);
    server.control.expireTokens();
    const expired = await get(server, '/api/auth/me', t);
    expect(expired.status).toBe(401);
    expect(expired.body).toEqual({ detail: 'Invalid token' });
    // placeholder-auth endpoints ignore the token (§7.4)
    expect((await get(server, '/api/health/summary', t)).status).toBe(200);
  });

  it('a real-clock expiry through the injectable clock', async () => {
    let now = Date.now();
    server = await startEmulator({ now: () => now, accessTokenTtlSec: 60 });
    const t = (await login(server)).body['access_token'] as string;
    expect((await get(server, '/api/auth/me', t)).status).toBe(200);
    now += 61_000;
    expect((await get(server, '/api/auth/me', t)).status).toBe(401);
  });

  it('logout answers the message and sends user_logout to admin legacy sockets (L6)', async () => {
    server = await startEmulator();
    const t = (await login(server)).body['access_token'] as string;
    const ws = connect(server, '/api/websocket/ws/admin', t);
    await ws.type('connection_established');
    const res = await fetch(`${server.url}/api/auth/logout`, { method: 'POST', headers: { authorization: `Bearer ${t}` } });
    expect(await res.json()).toEqual({ message: 'Successfully logged out' });
    const f = await ws.type('user_logout');
    expect(Object.keys(f.msg['data'] as object)).toEqual(['user_id', 'username', 'logout_time']);
    ws.close();
  });
});
