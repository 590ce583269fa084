/**
 * TLS trust per server (§2.1: production servers use a self-signed certificate).
 *
 * Trust order: system CAs, plus the server's CA file if configured; otherwise trust on first use:
 * the session stops in `tls-untrusted` showing the SHA-256 fingerprint, and only when the user
 * accepts it is the fingerprint pinned. Verification is never disabled globally.
 *
 * Why pinning is done this way: in Node, `checkServerIdentity` is only called when the chain
 * already verified, so `rejectUnauthorized: false` + `checkServerIdentity` would silently accept
 * any self-signed certificate. Instead a probe connection (which sends no data) reads the
 * presented certificate with `rejectUnauthorized: false`; if its fingerprint equals the pin, the
 * real requests trust exactly that certificate as an extra CA AND check the fingerprint again in
 * `checkServerIdentity`, with `rejectUnauthorized` left on. A certificate swapped after the probe
 * fails verification before any header, password or token is written.
 */
import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { connect, rootCertificates, type PeerCertificate } from 'node:tls';

export interface TlsRequestOptions {
  ca?: string[];
  checkServerIdentity?: (host: string, cert: PeerCertificate) => Error | undefined;
}

export type TlsVerdict =
  | { kind: 'ok'; options: TlsRequestOptions; fingerprint256: string | null }
  | { kind: 'untrusted'; fingerprint256: string; reason: string }
  | { kind: 'pin-mismatch'; expected: string; presented: string }
  | { kind: 'unreachable'; error: string; code?: string };

export const normaliseFingerprint = (fp: string): string => fp.replace(/[^0-9a-f]/gi, '').toUpperCase();
export const formatFingerprint = (fp: string): string => normaliseFingerprint(fp).replace(/(..)(?!$)/g, '$1:');
/** The first bytes, enough to tell two certificates apart in a one-line message ("AB:CD:EF:01:23:45…"). */
export const shortFingerprint = (fp: string): string => `${formatFingerprint(fp).slice(0, 17)}…`;
export const sameFingerprint = (a: string, b: string): boolean => normaliseFingerprint(a) === normaliseFingerprint(b);

interface Probe {
  fingerprint256: string;
  pem: string;
  authorized: boolean;
  authorizationError: string | null;
}

/** Reads the certificate the server presents; verifies against `ca` without sending any data. */
export function probeCertificate(url: URL, ca: string[] | undefined, timeoutMs: number): Promise<Probe> {
  return new Promise((resolve, reject) => {
    const port = Number(url.port || 443);
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const isIp = /^[\d.]+$|:/.test(host);
    const socket = connect({ host, port, ca, rejectUnauthorized: false, ...(isIp ? {} : { servername: host }) });
    const timer = setTimeout(() => socket.destroy(Object.assign(new Error(`TLS handshake timed out after ${timeoutMs} ms`), { code: 'ETIMEDOUT' })), timeoutMs);
    socket.once('secureConnect', () => {
      clearTimeout(timer);
      const raw = socket.getPeerCertificate(false).raw;
      socket.end();
      if (!raw) return reject(new Error('server presented no certificate'));
      const x509 = new X509Certificate(raw);
      const err = socket.authorizationError;
      resolve({
        fingerprint256: x509.fingerprint256,
        pem: x509.toString(),
        authorized: socket.authorized,
        authorizationError: err ? String(err) : null,
      });
    });
    socket.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

export interface TlsConfig {
  url: string;
  fingerprint256?: string;
  caFile?: string;
}

/** Decides how to talk TLS to one server right now. Plain http needs nothing. */
export async function assessTls(cfg: TlsConfig, timeoutMs = 10_000): Promise<TlsVerdict> {
  const url = new URL(cfg.url);
  if (url.protocol !== 'https:') return { kind: 'ok', options: {}, fingerprint256: null };
  let ca: string[] | undefined;
  try {
    if (cfg.caFile) ca = [...rootCertificates, await readFile(cfg.caFile, 'utf8')];
  } catch (e) {
    return { kind: 'unreachable', error: `cannot read CA file: ${(e as Error).message}` };
  }
  let probe: Probe;
  try {
    probe = await probeCertificate(url, ca, timeoutMs);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { kind: 'unreachable', error: (e as Error).message, ...(code ? { code } : {}) };
  }
  if (cfg.fingerprint256) {
    if (!sameFingerprint(cfg.fingerprint256, probe.fingerprint256))
      return { kind: 'pin-mismatch', expected: formatFingerprint(cfg.fingerprint256), presented: probe.fingerprint256 };
    return { kind: 'ok', options: pinnedOptions(probe.pem, probe.fingerprint256), fingerprint256: probe.fingerprint256 };
  }
  if (!probe.authorized)
    return { kind: 'untrusted', fingerprint256: probe.fingerprint256, reason: probe.authorizationError ?? 'certificate not trusted' };
  return { kind: 'ok', options: ca ? { ca } : {}, fingerprint256: probe.fingerprint256 };
}

function pinnedOptions(pem: string, fingerprint256: string): TlsRequestOptions {
  return {
    ca: [...rootCertificates, pem],
    // The pin replaces the host-name check: a self-signed cert's CN is often an IP or a guess.
    checkServerIdentity: (_host, cert) =>
      sameFingerprint(cert.fingerprint256, fingerprint256)
        ? undefined
        : new Error(`certificate fingerprint ${cert.fingerprint256} does not match the pinned one`),
  };
}
