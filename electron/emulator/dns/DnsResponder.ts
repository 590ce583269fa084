// The emulated server's DNS port on 127.0.0.1: UDP and TCP on the same port number (and DNS-over-TLS
// on its own port when asked). Answers come from DnsModel; an answer too large for UDP (512 bytes,
// no EDNS here) goes out truncated with TC set so the client must retry over TCP.
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { createServer, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer, type Server as TlsServer } from 'node:tls';
import * as dnsPacket from 'dns-packet';
import type { EmulatorLogger } from '../types';
import type { DnsModel } from './dnsModel';

const UDP_MAX = 512;
/** A client that sends a partial frame and waits is cut off after this long. */
const TCP_IDLE_MS = 10_000;

export interface DnsResponderOptions {
  port?: number;
  /** Also serve DNS-over-TLS with this certificate. */
  tls?: { key: string; cert: string };
}

export class DnsResponder {
  private udp: UdpSocket | null = null;
  private tcp: Server | null = null;
  private dot: TlsServer | null = null;
  private readonly sockets = new Set<Socket>();
  private readonly timers = new Set<NodeJS.Timeout>();
  port = 0;
  dotPort: number | null = null;

  constructor(
    private readonly model: DnsModel,
    private readonly log: EmulatorLogger,
  ) {}

  async start(opts: DnsResponderOptions = {}): Promise<void> {
    // The same number for both transports: take a free TCP port, then bind UDP to it (retry if taken).
    for (let attempt = 0; ; attempt++) {
      const tcp = createServer((s) => this.serveStream(s));
      const port = await listen(tcp, opts.port ?? 0);
      try {
        this.udp = await bindUdp(port, (msg, rinfo) => this.onDatagram(msg, rinfo.port, rinfo.address));
        this.tcp = tcp;
        this.port = port;
        break;
      } catch (err) {
        tcp.close();
        if (opts.port || attempt >= 5) throw err;
      }
    }
    if (opts.tls) {
      const dot = createTlsServer({ key: opts.tls.key, cert: opts.tls.cert }, (s) => this.serveStream(s));
      this.dotPort = await listen(dot, 0);
      this.dot = dot;
    }
  }

  private onDatagram(msg: Buffer, port: number, address: string): void {
    this.respond(msg, (out) => {
      const wire = out.length > UDP_MAX ? truncate(out) : out;
      if (wire !== out) this.model.counts.truncated++;
      this.udp?.send(wire, port, address);
    });
  }

  private serveStream(s: Socket): void {
    if (!this.model.answersTcp()) return void s.destroy();
    this.sockets.add(s);
    s.setTimeout(TCP_IDLE_MS, () => s.destroy());
    s.on('close', () => this.sockets.delete(s));
    s.on('error', () => s.destroy());
    let buffered = Buffer.alloc(0);
    s.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      while (buffered.length >= 2 && buffered.length >= 2 + buffered.readUInt16BE(0)) {
        const len = buffered.readUInt16BE(0);
        const msg = buffered.subarray(2, 2 + len);
        buffered = buffered.subarray(2 + len);
        this.respond(msg, (out) => {
          if (s.destroyed) return;
          const head = Buffer.alloc(2);
          head.writeUInt16BE(out.length);
          s.write(Buffer.concat([head, out]));
        });
      }
    });
  }

  /** Decodes, asks the model, answers after the model's delay; a malformed query gets no answer. */
  private respond(msg: Buffer, send: (out: Buffer) => void): void {
    let query: dnsPacket.DecodedPacket;
    try {
      query = dnsPacket.decode(msg);
    } catch {
      return;
    }
    const answer = this.model.answer(query);
    if (!answer) {
      this.model.counts.dropped++;
      return;
    }
    let out: Buffer;
    try {
      out = dnsPacket.encode(answer.response);
    } catch (err) {
      this.log.warn('emulator dns answer not encodable', { error: (err as Error).message });
      return;
    }
    this.model.counts.answered++;
    if (answer.delayMs <= 0) return send(out);
    const t = setTimeout(() => {
      this.timers.delete(t);
      send(out);
    }, answer.delayMs);
    this.timers.add(t);
  }

  async close(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const s of this.sockets) s.destroy();
    const closing: Promise<void>[] = [];
    if (this.udp) closing.push(new Promise<void>((r) => this.udp!.close(() => r())));
    for (const srv of [this.tcp, this.dot]) if (srv) closing.push(new Promise<void>((r) => srv.close(() => r())));
    await Promise.all(closing);
    this.udp = null;
    this.tcp = null;
    this.dot = null;
  }
}

/** Header and question only, TC set: what BIND sends when the answer does not fit. */
function truncate(full: Buffer): Buffer {
  const p = dnsPacket.decode(full);
  return dnsPacket.encode({ id: p.id, type: 'response', flags: (p.flags ?? 0) | dnsPacket.TRUNCATED_RESPONSE, questions: p.questions });
}

function listen(server: Server | TlsServer, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      const a = server.address();
      resolve(typeof a === 'object' && a ? a.port : 0);
    });
  });
}

function bindUdp(port: number, onMessage: (msg: Buffer, rinfo: { port: number; address: string }) => void): Promise<UdpSocket> {
  return new Promise((resolve, reject) => {
    const sock = createSocket('udp4');
    sock.once('error', reject);
    sock.bind(port, '127.0.0.1', () => {
      sock.off('error', reject);
      sock.on('error', () => {});
      sock.on('message', (msg, rinfo) => {
        try {
          onMessage(msg, rinfo);
        } catch {
          // a hostile datagram must never take the emulator down
        }
      });
      resolve(sock);
    });
  });
}
