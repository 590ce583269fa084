/**
 * The QPS baselines on disk (`qps-baseline.json` in the data dir), so a restart does not start the
 * learning again. Written whole to a temporary file and renamed over the old one, so a crash leaves
 * either the old or the new file. Server ids are the file's keys: read into a Map, never indexed.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { QpsModelSchema, type QpsModel } from './QpsModel';

export const BASELINE_FILE = 'qps-baseline.json';

// The shape is checked here; `servers` is then read as JSON.parse made it (own properties), not as a schema's copy.
const FileSchema = z.object({ version: z.literal(1), servers: z.looseObject({}) });

export interface BaselineStore {
  load(): Map<string, QpsModel>;
  save(models: ReadonlyMap<string, QpsModel>): void;
}

export function baselineFileStore(dataDir: string): BaselineStore {
  const path = join(dataDir, BASELINE_FILE);
  return {
    load: () => {
      let raw: string;
      try {
        raw = readFileSync(path, 'utf8');
      } catch {
        return new Map();
      }
      const file: unknown = JSON.parse(raw);
      FileSchema.parse(file);
      const out = new Map<string, QpsModel>();
      // A damaged entry costs that server its history, not the others theirs.
      for (const [id, value] of Object.entries((file as { servers: object }).servers)) {
        const m = QpsModelSchema.safeParse(value);
        if (m.success) out.set(id, m.data);
      }
      return out;
    },
    save: (models) => {
      const servers: Record<string, QpsModel> = {};
      for (const [id, m] of models) Object.defineProperty(servers, id, { value: m, enumerable: true, writable: true, configurable: true });
      const tmp = `${path}.tmp`;
      writeFileSync(tmp, JSON.stringify({ version: 1, servers }));
      renameSync(tmp, path);
    },
  };
}

export function memoryBaselineStore(): BaselineStore & { saved: Map<string, QpsModel> } {
  const saved = new Map<string, QpsModel>();
  return {
    saved,
    load: () => new Map([...saved].map(([k, v]) => [k, structuredClone(v)])),
    save: (models) => {
      saved.clear();
      for (const [k, v] of models) saved.set(k, structuredClone(v));
    },
  };
}
