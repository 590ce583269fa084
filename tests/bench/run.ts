/**
 * `npm run bench`: the benchmarks behind the numbers in the issue notes. Not timed tests: they
 * measure and print, they do not pass or fail. Everything runs on 127.0.0.1, bounded in time.
 *   npm run bench                 full size (about 22 minutes on 2 cores, 12 of them the soak)
 *   npm run bench -- --quick      small sizes, for a smoke run
 *   npm run bench -- --only ingest|eventlog|exporter|analytics|probes|history|soak|diagnostics|inspector|ui
 * The ingest storm runs twice: with the client and the emulator sharing the machine's cores
 * (`ingest`), and with the client alone on one core (`ingestOneCore`, Linux only).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { SqliteEventLog } from '../../electron/core/eventlog/SqliteEventLog';
import { runDiagnosticsBench } from './diagnostics.bench';
import { runAnalyticsBench } from './analytics.bench';
import { runEventLogBench } from './eventlog.bench';
import { runExporterBench } from './exporter.bench';
import { runHistoryBench } from './history.bench';
import { runIngestBench } from './ingest.bench';
import { runProbeBench } from './probes.bench';
import { runInspectorBench } from './inspector.bench';
import { soakBench } from './soak.bench';
import { runUiStormBench } from './uiStorm.bench';

const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, only: { type: 'string' } } });
const quick = values.quick;
const results: Record<string, unknown> = { machine: { node: process.version, platform: process.platform, arch: process.arch } };

if (!values.only || values.only === 'eventlog') {
  results.eventlog = await runEventLogBench({ rows: quick ? 50_000 : 1_000_000 });
}

if (!values.only || values.only === 'exporter') {
  results.exporter = await runExporterBench({ servers: 200, scrapes: quick ? 50 : 500 });
}

if (!values.only || values.only === 'diagnostics') {
  // Three logs (main/web/dnsfleet) at the RotatingLogFile default cap, 10 MB x 5 each.
  results.diagnostics = await runDiagnosticsBench(quick ? { logs: 1, fileBytes: 2 * 1024 * 1024, files: 2 } : { logs: 3, fileBytes: 10 * 1024 * 1024, files: 5 });
}

if (!values.only || values.only === 'analytics') {
  results.analytics = await runAnalyticsBench({ samples: quick ? 50_000 : 500_000, servers: quick ? 20 : 200 });
}

if (!values.only || values.only === 'probes') {
  // 200 servers x 6 probes at a 3 s interval (10x the real 30 s), measured for 60 s (quick: 10 s).
  results.probes = await runProbeBench({ servers: 200, intervalSeconds: 3, seconds: quick ? 10 : 60 });
}

if (!values.only || values.only === 'history') {
  results.history = await runHistoryBench({ servers: quick ? 20 : 200, runs: quick ? 5 : 20 });
}

if (!values.only || values.only === 'ingest') {
  results.ingest = await ingest('shared');
  if (!quick) results.ingestOneCore = await ingest('one');
}

if (!values.only || values.only === 'inspector') {
  results.inspectorUsPerFrame = runInspectorBench({ frames: quick ? 20_000 : 100_000, rounds: quick ? 2 : 5 });
}

// The UI under 1,000 query samples/s, a minute per page (events, fleet, server, query tail).
if (!values.only || values.only === 'ui') {
  results.ui = await runUiStormBench({ seconds: quick ? 10 : 60, eventsPerSecond: 1000 });
}

if (!values.only || values.only === 'soak') {
  results.soak = await soakBench(quick);
}

async function ingest(cores: 'shared' | 'one') {
  const dir = mkdtempSync(join(tmpdir(), 'dnsfleet-bench-'));
  const log = SqliteEventLog.open({ dataDir: dir });
  // Resolve each write when the group commit that contains its last event is done. The writer
  // processes its backlog in order, so "processed so far" tells which writes are durable.
  let appended = 0;
  const waiting: { target: number; resolve: () => void }[] = [];
  log.onDidCommit(() => {
    // processed() reads counters only: stats() runs two queries, on the thread being measured.
    const processed = log.processed();
    while (waiting.length > 0 && waiting[0]!.target <= processed) waiting.shift()!.resolve();
  });
  try {
    const result = await runIngestBench({
      servers: quick ? 10 : 50,
      eventsPerSecond: quick ? 2_000 : 20_000,
      seconds: quick ? 5 : 60,
      warmupSeconds: quick ? 1 : 5,
      cores,
      writer: (events) =>
        new Promise<void>((resolve) => {
          appended += events.length;
          waiting.push({ target: appended, resolve });
          log.append(events);
        }),
    });
    return { ...result, eventLog: log.stats() };
  } finally {
    await log.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

process.stdout.write(JSON.stringify(results, null, 2) + '\n');
