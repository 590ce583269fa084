import { storedBridgeToken } from '../api/createClient';

/**
 * Downloads a finished export from the browser host (GET /exports/<name>, which takes the token
 * like the bridge). Fetched and handed over as a blob, so the token never sits in a visible link.
 */
export async function downloadExport(path: string): Promise<void> {
  const name = path.split(/[\\/]/).pop() ?? '';
  const res = await fetch(`exports/${encodeURIComponent(name)}?token=${encodeURIComponent(storedBridgeToken(window.sessionStorage))}`, { cache: 'no-store' });
  if (!res.ok) throw new Error(`the export could not be downloaded (HTTP ${res.status})`);
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
