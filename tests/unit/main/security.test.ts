import { describe, expect, it } from 'vitest';
import { pathToFileURL } from 'node:url';
import {
  externalLinkTarget,
  isPermissionAllowed,
  isTrustedRendererUrl,
  rendererEntryUrl,
  rendererLocation,
} from '../../../electron/main/security';

const indexFile = '/opt/DNS Fleet Monitor/resources/app.asar/out/renderer/index.html';
const built = rendererLocation({ isPackaged: true, indexFile, devServerUrl: 'http://localhost:5173' });
const dev = rendererLocation({ isPackaged: false, indexFile, devServerUrl: 'http://localhost:5173/' });

describe('renderer location', () => {
  it('a packaged app always loads its built files, whatever ELECTRON_RENDERER_URL says', () => {
    expect(built.kind).toBe('file');
    expect(rendererEntryUrl(built)).toBe(pathToFileURL(indexFile).href);
  });

  it('the dev server is used only unpackaged and only on loopback', () => {
    expect(dev).toMatchObject({ kind: 'dev', origin: 'http://localhost:5173' });
    expect(rendererLocation({ isPackaged: false, indexFile, devServerUrl: 'http://evil.example:5173' }).kind).toBe('file');
    expect(rendererLocation({ isPackaged: false, indexFile, devServerUrl: 'file:///etc/passwd' }).kind).toBe('file');
  });
});

describe('trusted sender / navigation check', () => {
  it('accepts our renderer page, with any hash or query', () => {
    const url = pathToFileURL(indexFile).href;
    expect(isTrustedRendererUrl(url, built)).toBe(true);
    expect(isTrustedRendererUrl(`${url}#/alerts/abc`, built)).toBe(true);
    expect(isTrustedRendererUrl(`${url}?x=1`, built)).toBe(true);
  });

  it('rejects other files, remote pages, UNC hosts, missing and malformed URLs', () => {
    for (const url of [
      pathToFileURL('/tmp/evil/index.html').href,
      pathToFileURL('/opt/DNS Fleet Monitor/resources/app.asar/out/renderer/other.html').href,
      'file://attacker/opt/DNS%20Fleet%20Monitor/resources/app.asar/out/renderer/index.html',
      'https://example.com/index.html',
      'about:blank',
      '',
      null,
      undefined,
      'not a url',
    ]) {
      expect(isTrustedRendererUrl(url, built), String(url)).toBe(false);
    }
  });

  it('in development, accepts exactly the dev server origin', () => {
    expect(isTrustedRendererUrl('http://localhost:5173/#/events', dev)).toBe(true);
    expect(isTrustedRendererUrl('http://localhost:5174/', dev)).toBe(false);
    expect(isTrustedRendererUrl('http://127.0.0.1:5173/', dev)).toBe(false);
  });
});

describe('links and permissions', () => {
  it('only https links leave the app', () => {
    expect(externalLinkTarget('https://docs.example/x')).toBe('https://docs.example/x');
    for (const url of ['http://docs.example', 'file:///etc/passwd', 'javascript:alert(1)', 'smb://share', 'nonsense'])
      expect(externalLinkTarget(url)).toBeNull();
  });

  it('grants notifications to our page only and denies everything else', () => {
    const page = pathToFileURL(indexFile).href;
    expect(isPermissionAllowed('notifications', page, built)).toBe(true);
    expect(isPermissionAllowed('notifications', 'https://example.com', built)).toBe(false);
    for (const p of ['media', 'geolocation', 'clipboard-read', 'openExternal', 'hid'])
      expect(isPermissionAllowed(p, page, built)).toBe(false);
  });
});

describe('bundle paths', () => {
  it('finds the CommonJS preload electron-vite emits next to out/main', async () => {
    const { bundlePaths } = await import('../../../electron/main/paths');
    const p = bundlePaths('/app/out/main', (f) => f.endsWith('index.cjs'));
    expect(p).toEqual({ preload: '/app/out/preload/index.cjs', rendererIndex: '/app/out/renderer/index.html' });
  });
});
