import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { systemClock, type Clock } from '../../../electron/core/platform';
import { ConfSettingsStore } from '../../../electron/core/settings/ConfSettingsStore';
import type { Settings } from '../../../electron/core/settings/settingsSchema';
import { nullLogger } from '../../../electron/core/util/logger';
import { useTmpDirs } from './tmpDirs';

const tmp = useTmpDirs();
const fixedClock: Clock = { ...systemClock, now: () => Date.UTC(2026, 0, 2, 3, 4, 5) };
const open = (dataDir: string) => ConfSettingsStore.open({ dataDir, logger: nullLogger, clock: fixedClock });
const server = { id: 'dns-1', name: 'One', url: 'https://dns-1.example.net', username: 'monitor' };
const fileOf = (dir: string) => readFileSync(join(dir, 'settings.json'), 'utf8');

describe('ConfSettingsStore', () => {
  it('a fresh data dir starts with defaults and no notice', () => {
    const dir = tmp();
    const store = open(dir);
    expect(store.get().retention.maxAgeDays).toBe(90);
    expect(store.notices()).toEqual([]);
    expect(JSON.parse(fileOf(dir)).version).toBe(3);
  });

  it('a change is persisted, announced, and there after a restart', () => {
    const dir = tmp();
    const store = open(dir);
    const seen: Settings[] = [];
    store.onDidChange((s) => seen.push(s));
    store.update((s) => ({ ...s, ui: { theme: 'dark' }, notifications: { ...s.notifications, quietHours: { start: '22:00', end: '07:00' } } }));
    expect(seen.map((s) => s.ui.theme)).toEqual(['dark']);
    const again = open(dir).get();
    expect(again.ui.theme).toBe('dark');
    expect(again.notifications.quietHours).toEqual({ start: '22:00', end: '07:00' });
  });

  it('a password slipped into a server config never reaches the file', () => {
    const dir = tmp();
    const store = open(dir);
    store.update((s) => ({ ...s, servers: [{ ...server, password: 'never-on-disk' } as never] }));
    expect(fileOf(dir)).not.toContain('never-on-disk');
    expect(store.get().servers[0]).not.toHaveProperty('password');
  });

  it('an invalid change throws and changes nothing, in memory or on disk', () => {
    const dir = tmp();
    const store = open(dir);
    const before = fileOf(dir);
    expect(() => store.update((s) => ({ ...s, retention: { ...s.retention, maxAgeDays: 0, maxBytes: 1 } }))).toThrow();
    expect(store.get().retention.maxAgeDays).toBe(90);
    expect(fileOf(dir)).toBe(before);
  });

  it('a corrupt file is kept as settings.json.corrupt-<ts> and replaced by defaults, with a notice, without a crash', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'settings.json'), '{ "version": 3, "servers": [ {"id": ');
    const store = open(dir);
    expect(store.get().servers).toEqual([]);
    const backups = readdirSync(dir).filter((f) => f.startsWith('settings.json.corrupt-'));
    expect(backups).toEqual(['settings.json.corrupt-2026-01-02T03-04-05-000Z']);
    expect(readFileSync(join(dir, backups[0]!), 'utf8')).toContain('"servers": [ {"id": ');
    expect(store.notices().join()).toMatch(/corrupt.*default settings.*settings\.json\.corrupt-2026/);
    expect(JSON.parse(fileOf(dir)).version).toBe(3);
    store.update((s) => ({ ...s, demoOffered: true }));
    expect(open(dir).notices()).toEqual([]);
  });

  it('an empty file (a crash during a write of an older app) reads as a fresh install', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'settings.json'), '');
    const store = open(dir);
    expect(store.get().servers).toEqual([]);
  });

  it('a v1 file is migrated in place; its plain-text password is gone from disk', () => {
    const dir = tmp();
    copyFileSync(new URL('../../fixtures/settings/v1.json', import.meta.url), join(dir, 'settings.json'));
    const store = open(dir);
    expect(store.get().servers).toHaveLength(2);
    expect(store.notices().join()).toMatch(/Enter the password again for: dns-lon-1/);
    const onDisk = JSON.parse(fileOf(dir));
    expect(onDisk.version).toBe(3);
    expect(fileOf(dir)).not.toContain('hunter2');
  });

  it('a file with one broken server keeps the others and a copy of the original', () => {
    const dir = tmp();
    const broken = { version: 3, servers: [server, { ...server, id: 'bad id!' }] };
    writeFileSync(join(dir, 'settings.json'), JSON.stringify(broken));
    const store = open(dir);
    expect(store.get().servers.map((s) => s.id)).toEqual(['dns-1']);
    expect(store.notices().join()).toMatch(/servers\[1\] \(id "bad id!"\) dropped/);
    const backup = readdirSync(dir).find((f) => f.startsWith('settings.json.corrupt-'))!;
    expect(JSON.parse(readFileSync(join(dir, backup), 'utf8'))).toEqual(broken);
  });

  it('a file from a newer version is read as far as possible and kept before it is rewritten', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ version: 7, servers: [server], ui: { theme: 'light' }, futureThing: { x: 1 } }));
    const store = open(dir);
    expect(store.get().servers.map((s) => s.id)).toEqual(['dns-1']);
    expect(store.get().ui.theme).toBe('light');
    expect(store.notices().join()).toMatch(/newer version.*v7/);
    expect(readdirSync(dir)).toContain('settings.json.v7-2026-01-02T03-04-05-000Z');
  });
});
