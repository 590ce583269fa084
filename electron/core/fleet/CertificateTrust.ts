/**
 * Trust-on-first-use bookkeeping for one server: the pin in force, the fingerprint the server
 * last presented, and what a refusal means for the user. Only a fingerprint the server actually
 * presented can be pinned, so a typo or a stale dialog can never pin something else.
 */
import type { ServerConfig } from '../../../shared/domain/serverConfig';
import { assessTls, sameFingerprint, type TlsVerdict } from '../hybrid-dns/tls';

export type TlsRefusal = Exclude<TlsVerdict, { kind: 'ok' }>;

export class CertificateTrust {
  private presented: string | null = null;

  constructor(private pin: string | undefined) {}

  /** The fingerprint this server is trusted by now (configured, or accepted in this run); other ports of it are held to it too. */
  get pinned(): string | undefined {
    return this.pin;
  }

  assess(config: ServerConfig, timeoutMs: number): Promise<TlsVerdict> {
    return assessTls({ url: config.url, fingerprint256: this.pin, caFile: config.tls?.caFile }, timeoutMs);
  }

  /** Records what was presented; returns the text the user sees. */
  refused(v: Exclude<TlsRefusal, { kind: 'unreachable' }>): { fingerprint: string; detail: string } {
    if (v.kind === 'pin-mismatch') {
      this.presented = v.presented;
      return { fingerprint: v.presented, detail: 'The certificate changed and does not match the pinned fingerprint. Connection refused.' };
    }
    this.presented = v.fingerprint256;
    return {
      fingerprint: v.fingerprint256,
      detail: `Certificate not trusted (${v.reason}). Check the fingerprint and trust it to connect.`,
    };
  }

  /** The canonical pinned fingerprint, or null when `fp` is not what the server presented. */
  accept(fp: string): string | null {
    if (!this.presented || !sameFingerprint(fp, this.presented)) return null;
    this.pin = this.presented;
    return this.pin;
  }

  /** A config carrying `fp` needs no restart when that is already the pin in force. */
  alreadyPinned(fp: string | undefined): boolean {
    return fp === undefined || (this.pin !== undefined && sameFingerprint(fp, this.pin));
  }
}
