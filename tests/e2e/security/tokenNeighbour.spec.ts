/**
 * Issue 17 item 2: cookies are not scoped by port, so a token cookie set by the browser host on
 * 127.0.0.1:PORT went to any other program listening on 127.0.0.1 (Chromium sent it to the next
 * port). A listener on another port must never receive the token, in any header.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { expect, test } from '@playwright/test';
import { startFakeApp, type FakeApp } from '../support/fakeApp';
import { serverStatus } from '../support/fakeData';

let app: FakeApp;
let neighbour: Server;
const seen: { url: string; headers: IncomingHttpHeaders }[] = [];

test.beforeAll(async () => {
  app = await startFakeApp((core) => core.setServer(serverStatus('dns-1', 'live')));
  neighbour = createServer((req, res) => {
    seen.push({ url: req.url ?? '', headers: req.headers });
    res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>neighbour</title>');
  });
  await new Promise<void>((r) => neighbour.listen(0, '127.0.0.1', r));
});
test.afterAll(async () => {
  await app?.close();
  await new Promise((r) => neighbour?.close(r));
});

test('the bridge token never reaches another port of 127.0.0.1', async ({ page, context }) => {
  const token = new URL(app.url).searchParams.get('token');
  expect(token).toBeTruthy();
  await page.goto(app.url);
  await expect(page.getByTestId('server-tile')).toHaveCount(1);
  // The page works, so the token reached the bridge; now it must be nowhere a neighbour can read it.
  expect(await context.cookies()).toEqual([]);
  const port = (neighbour.address() as { port: number }).port;
  const other = await context.newPage();
  await other.goto(`http://127.0.0.1:${port}/next-door`);
  await page.reload();
  await expect(page.getByTestId('server-tile')).toHaveCount(1);
  await other.goto(`http://127.0.0.1:${port}/after-reload`);
  expect(seen.length).toBeGreaterThanOrEqual(2);
  for (const req of seen) expect(JSON.stringify(req)).not.toContain(token!);
  // And the address bar of a wall display does not show it either.
  expect(page.url()).not.toContain(token!);
});

test('a page opened without the token says how to get in, and reaches no data', async ({ browser }) => {
  const fresh = await browser.newContext();
  const page = await fresh.newPage();
  const origin = new URL(app.url).origin;
  const before = app.core.callsTo('fleet:getSnapshot').length;
  await page.goto(`${origin}/`);
  await expect(page.getByTestId('missing-token')).toBeVisible();
  await expect(page.getByTestId('server-tile')).toHaveCount(0);
  // The page built no client: nothing reached the core on its behalf.
  expect(app.core.callsTo('fleet:getSnapshot')).toHaveLength(before);
  await fresh.close();
});
