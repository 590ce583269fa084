// A self-signed certificate like install.sh makes (§2.1: CN = server IP, 365 days), generated with
// the openssl CLI (no network, no extra npm dependency) and cached once per process.
import { execFile } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface CertPair {
  key: string;
  cert: string;
}

let cached: Promise<CertPair> | null = null;

/** Generate a fresh self-signed cert for 127.0.0.1 (about 100–300 ms). */
export async function generateSelfSignedCert(cn = '127.0.0.1'): Promise<CertPair> {
  const dir = await mkdtemp(join(tmpdir(), 'hybrid-dns-emu-'));
  const keyFile = join(dir, 'key.pem');
  const certFile = join(dir, 'cert.pem');
  try {
    await new Promise<void>((resolve, reject) => {
      execFile(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'rsa:2048',
          '-nodes',
          '-keyout',
          keyFile,
          '-out',
          certFile,
          '-subj',
          `/CN=${cn}`,
          '-addext',
          `subjectAltName=IP:${cn}`,
          '-days',
          '365',
        ],
        { timeout: 30_000 },
        (err, _stdout, stderr) => (err ? reject(new Error(`openssl failed: ${err.message} ${stderr}`)) : resolve()),
      );
    });
    return { key: await readFile(keyFile, 'utf8'), cert: await readFile(certFile, 'utf8') };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The per-process cached cert (every TLS emulator without tlsCert shares it). */
export function selfSignedCert(): Promise<CertPair> {
  cached ??= generateSelfSignedCert().catch((err: unknown) => {
    cached = null;
    throw err;
  });
  return cached;
}

/** 'AA:BB:…' as Node's X509Certificate.fingerprint256 and tls getPeerCertificate() report it. */
export function fingerprint256(certPem: string): string {
  return new X509Certificate(certPem).fingerprint256;
}
