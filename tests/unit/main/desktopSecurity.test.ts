/**
 * Security settings of the Electron host that must not drift, asserted on what the real entry
 * (electron/main/index.ts) does to the Electron double: window preferences, the CSP header,
 * navigation, window.open, permissions and the IPC sender check.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebContentsDouble } from '../../support/electronDouble';
import { launch, REAL_PLATFORM, type HooksHolder, type Launched } from './support/desktopHarness';

const hooks = vi.hoisted(() => ({ current: null as unknown }) as HooksHolder);
// A proxy, so each launch (vi.resetModules) sees that test's double.
vi.mock('electron', async () => (await import('./support/desktopHarness')).electronModule(hooks));
vi.mock('../../../electron/core/compose', () => ({ createCore: (opts: never) => hooks.current.createCore(opts) }));
vi.mock('../../../electron/main/trayHost', () => ({ linuxTrayHostAnswers: async () => hooks.current.trayHostAnswers }));

let l: Launched;
afterEach(() => {
  l?.cleanup();
  Object.defineProperty(process, 'platform', { value: REAL_PLATFORM, configurable: true });
});
const started = async () => {
  l = await launch(hooks, 'linux');
  await l.releaseCore();
  const win = l.e.BrowserWindow.instances[0]!;
  return { win, page: win.webContents.url };
};

describe('the window', () => {
  it('is sandboxed and context-isolated, with no Node, web security on and no webviews', async () => {
    const { win } = await started();
    expect(win.options.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(win.webContents.url).toMatch(/^file:\/\/.*\/renderer\/index\.html$/);
  });
});

describe('the content security policy', () => {
  it('arrives as a response header with frame-ancestors, and no socket sources for this IPC-only renderer', async () => {
    const { page } = await started();
    const { responseHeaders } = await l.e.session.defaultSession.respond(page, { 'content-security-policy': ["default-src *; script-src 'unsafe-eval'"] });
    const csp = (responseHeaders?.['Content-Security-Policy'] as string[])[0]!;
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("connect-src 'self';");
    expect(csp).not.toMatch(/ws:|unsafe-eval|\*/);
    // A policy carried by the response is replaced, whatever the case of its header name.
    expect(Object.keys(responseHeaders!).filter((k) => k.toLowerCase() === 'content-security-policy')).toEqual(['Content-Security-Policy']);
  });
});

describe('navigation and new windows', () => {
  it('stays on the renderer; https links go to the browser; anything else goes nowhere', async () => {
    const { win, page } = await started();
    const wc = win.webContents;
    expect(wc.navigate(`${page}#/alerts/x`)).toBe(true);
    expect(wc.navigate('https://evil.example/login')).toBe(false);
    expect(wc.navigate('file:///etc/passwd')).toBe(false);
    expect(wc.navigate('http://127.0.0.1:9/', 'will-redirect')).toBe(false);
    expect(wc.openHandler!({ url: 'https://docs.example/help' })).toEqual({ action: 'deny' });
    expect(wc.openHandler!({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(l.e.shell.opened).toEqual(['https://evil.example/login', 'https://docs.example/help']);
    const attach = { defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
    wc.emit('will-attach-webview', attach);
    expect(attach.defaultPrevented).toBe(true);
  });

  it('any other web contents the app creates is hardened the same way', async () => {
    await started();
    const stray = new WebContentsDouble(l.e.session.defaultSession);
    l.e.app.emit('web-contents-created', { preventDefault() {} }, stray);
    expect(stray.navigate('https://evil.example/')).toBe(false);
    expect(stray.openHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });
});

describe('permissions', () => {
  it('grants notifications to our renderer only, and nothing else to anyone', async () => {
    const { win } = await started();
    const ses = l.e.session.defaultSession;
    await expect(ses.request(win.webContents, 'notifications')).resolves.toBe(true);
    for (const p of ['media', 'geolocation', 'clipboard-read', 'openExternal', 'hid', '__proto__']) await expect(ses.request(win.webContents, p)).resolves.toBe(false);
    const foreign = new WebContentsDouble(ses);
    foreign.url = 'https://evil.example/';
    await expect(ses.request(foreign, 'notifications')).resolves.toBe(false);
    expect(ses.permissionCheck!(win.webContents, 'notifications', '')).toBe(true);
    expect(ses.permissionCheck!(null, 'notifications', '')).toBe(false);
  });
});

describe('IPC', () => {
  it('answers our renderer and refuses any other sender, before the core sees anything', async () => {
    const { page } = await started();
    await expect(l.e.ipcMain.invokeFrom(`${page}#/fleet`, 'alerts:acknowledge', { ids: ['a1'] })).resolves.toEqual({ ok: true, value: { ok: true } });
    for (const url of ['https://evil.example/', 'file:///tmp/evil/index.html', null]) {
      await expect(l.e.ipcMain.invokeFrom(url, 'alerts:acknowledge', { ids: ['a2'] })).resolves.toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    }
    await expect(l.e.ipcMain.invokeFrom(page, '__proto__', {})).resolves.toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    expect(l.core.callsTo('alerts:acknowledge')).toEqual([{ ids: ['a1'], note: '' }]);
  });
});
