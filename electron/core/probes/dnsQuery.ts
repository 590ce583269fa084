/**
 * One DNS question to one server, timed: over UDP (retried over TCP when the answer comes back
 * truncated), over TCP on request, or over TLS (DNS-over-TLS, RFC 7858) where the server offers it.
 * Messages are encoded and decoded by dns-packet; only the transport framing is ours
 * (a 2-byte length before each message on TCP and TLS).
 */
import { randomInt } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { connect as connectTcp, type Socket } from 'node:net';
import { connect as connectTls, type ConnectionOptions } from 'node:tls';
import * as dnsPacket from 'dns-packet';

export type ProbeTransport = 'udp' | 'tcp' | 'tls';
export type QueryType = 'A' | 'SOA';

export interface DnsQuestion {
  host: string;
  port: number;
  name: string;
  type: QueryType;
  transport: ProbeTransport;
  timeoutMs: number;
  /** TLS options for DNS-over-TLS (CA, pin check); the port is the DoT port then. */
  tls?: ConnectionOptions;
}

export interface DnsAnswer {
  ok: true;
  rcode: string;
  /** A addresses, CNAME targets, or the SOA serial as text. */
  answers: string[];
  serial: number | null;
  latencyMs: number;
  /** The transport that produced the answer (`tcp` after a truncated UDP answer). */
  transport: ProbeTransport;
  truncatedOverUdp: boolean;
}
export interface DnsFailure {
  ok: false;
  /** `timeout`, `refused`, `malformed`, or the socket error code. */
  error: string;
  latencyMs: number;
  transport: ProbeTransport;
}
export type DnsResult = DnsAnswer | DnsFailure;

/** Largest response accepted over TCP/TLS; a hostile server streaming more is cut off. */
const MAX_STREAM_MESSAGE = 65_535;

/** RFC 1035 limits: labels of 1-63 octets, 253 characters in all. dns-packet would encode longer labels corrupt. */
export function isDnsName(name: string): boolean {
  const n = name.replace(/\.$/, '');
  return n.length > 0 && n.length <= 253 && n.split('.').every((l) => l.length >= 1 && l.length <= 63 && /^[\x21-\x7e]+$/.test(l));
}

export async function queryDns(q: DnsQuestion): Promise<DnsResult> {
  if (!isDnsName(q.name)) return { ok: false, error: 'not a DNS name', latencyMs: 0, transport: q.transport };
  const started = performance.now();
  const elapsed = () => Math.round((performance.now() - started) * 10) / 10;
  const id = randomInt(0, 65_536);
  const request = dnsPacket.encode({ type: 'query', id, flags: dnsPacket.RECURSION_DESIRED, questions: [{ type: q.type, name: q.name, class: 'IN' }] });
  if (q.transport === 'udp') {
    const first = await exchangeUdp(q, request, q.timeoutMs);
    const decoded = first.ok ? decodeFor(first.message, id, q) : null;
    if (!first.ok) return { ok: false, error: first.error, latencyMs: elapsed(), transport: 'udp' };
    if (!decoded) return { ok: false, error: 'malformed', latencyMs: elapsed(), transport: 'udp' };
    if (!decoded.flag_tc) return answerOf(decoded, elapsed(), 'udp', false);
    // Truncated: ask again over TCP within what is left of the budget.
    const rest = Math.max(1, q.timeoutMs - elapsed());
    return finishStream(await exchangeStream(q, 'tcp', request, rest), id, q, elapsed, true);
  }
  return finishStream(await exchangeStream(q, q.transport, request, q.timeoutMs), id, q, elapsed, false);
}

type Exchange = { ok: true; message: Buffer } | { ok: false; error: string };

function finishStream(r: Exchange, id: number, q: DnsQuestion, elapsed: () => number, afterTc: boolean): DnsResult {
  const transport = q.transport === 'udp' ? 'tcp' : q.transport;
  if (!r.ok) return { ok: false, error: r.error, latencyMs: elapsed(), transport };
  const decoded = decodeFor(r.message, id, q);
  return decoded ? answerOf(decoded, elapsed(), transport, afterTc) : { ok: false, error: 'malformed', latencyMs: elapsed(), transport };
}

/** The response to our question, or null: a wrong id or question is not our answer. */
function decodeFor(message: Buffer, id: number, q: DnsQuestion): dnsPacket.DecodedPacket | null {
  try {
    const p = dnsPacket.decode(message);
    const asked = p.questions?.[0];
    if (p.id !== id || p.type !== 'response' || !asked || asked.name.toLowerCase() !== q.name.toLowerCase().replace(/\.$/, '')) return null;
    return p;
  } catch {
    return null;
  }
}

function answerOf(p: dnsPacket.DecodedPacket, latencyMs: number, transport: ProbeTransport, truncatedOverUdp: boolean): DnsAnswer {
  const rcode = (p as { rcode?: string }).rcode ?? 'NOERROR';
  const answers: string[] = [];
  let serial: number | null = null;
  for (const a of p.answers ?? []) {
    if (a.type === 'SOA') {
      serial = a.data.serial ?? null;
      answers.push(String(a.data.serial));
    } else if (a.type === 'A' || a.type === 'AAAA' || a.type === 'CNAME') answers.push(String(a.data));
  }
  return { ok: true, rcode, answers: answers.slice(0, 64), serial, latencyMs, transport, truncatedOverUdp };
}

function exchangeUdp(q: DnsQuestion, request: Buffer, timeoutMs: number): Promise<Exchange> {
  return new Promise((resolve) => {
    const sock = createSocket(q.host.includes(':') ? 'udp6' : 'udp4');
    let done = false;
    const finish = (r: Exchange) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      sock.close();
      resolve(r);
    };
    const timer = setTimeout(() => finish({ ok: false, error: 'timeout' }), timeoutMs);
    sock.on('error', (err: NodeJS.ErrnoException) => finish({ ok: false, error: err.code === 'ECONNREFUSED' ? 'refused' : (err.code ?? 'error') }));
    // Only a datagram from the address we asked counts (a spoofed one is ignored, not an answer).
    sock.on('message', (msg, rinfo) => {
      if (rinfo.port === q.port) finish({ ok: true, message: msg });
    });
    sock.connect(q.port, q.host, () => sock.send(request, (err) => err && finish({ ok: false, error: err.message })));
  });
}

function exchangeStream(q: DnsQuestion, transport: 'tcp' | 'tls', request: Buffer, timeoutMs: number): Promise<Exchange> {
  return new Promise((resolve) => {
    const framed = Buffer.concat([Buffer.from([request.length >> 8, request.length & 0xff]), request]);
    const sock: Socket =
      transport === 'tls' ? connectTls({ ...q.tls, host: q.host, port: q.port, servername: q.tls?.servername }) : connectTcp({ host: q.host, port: q.port });
    let buffered = Buffer.alloc(0);
    let done = false;
    const finish = (r: Exchange) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      sock.destroy();
      resolve(r);
    };
    const timer = setTimeout(() => finish({ ok: false, error: 'timeout' }), timeoutMs);
    sock.once(transport === 'tls' ? 'secureConnect' : 'connect', () => sock.write(framed));
    sock.on('error', (err: NodeJS.ErrnoException) => finish({ ok: false, error: err.code === 'ECONNREFUSED' ? 'refused' : (err.code ?? 'error') }));
    sock.on('close', () => finish({ ok: false, error: 'closed' }));
    sock.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      if (buffered.length < 2) return;
      const len = buffered.readUInt16BE(0);
      if (len > MAX_STREAM_MESSAGE) return finish({ ok: false, error: 'malformed' });
      if (buffered.length >= 2 + len) finish({ ok: true, message: buffered.subarray(2, 2 + len) });
    });
  });
}
