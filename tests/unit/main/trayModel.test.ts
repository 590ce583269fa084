import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Tray } from '../../stubs/electron';
import { summarize } from '../../../electron/core/alerts/traySummary';
import { resourcesDir } from '../../../electron/main/paths';
import { ElectronTrayPresenter } from '../../../electron/main/tray';
import { trayIconFile, trayMenuModel, trayTooltip } from '../../../electron/main/trayModel';
import type { Alert } from '../../../shared/domain/alert';
import type { ServerState, ServerStatus } from '../../../shared/domain/serverState';

const server = (id: string, state: ServerState): ServerStatus => ({
  serverId: id,
  name: id.toUpperCase(),
  state,
  since: '',
  lastDataAt: null,
  stack: null,
  reconnect: null,
  forwarders: [],
  bindRunning: null,
});
const alert = (severity: Alert['severity'], status: Alert['status'] = 'active'): Alert => ({
  id: 'a',
  serverId: 'dns-1',
  key: 'k',
  rule: 'r',
  severity,
  title: 't',
  detail: '',
  status,
  raisedAt: '',
  lastSeenAt: '',
  resolvedAt: null,
  ack: null,
  snoozedUntil: null,
  eventId: null,
  count: 1,
});

describe('tray icon choice', () => {
  it.each([
    ['all live, no alerts', [server('a', 'live')], [], 'ok'],
    ['a server that is not reporting', [server('a', 'live'), server('b', 'reconnecting')], [], 'unknown'],
    ['a warning alert', [server('a', 'live')], [alert('warning')], 'warning'],
    ['an error alert', [server('a', 'live')], [alert('error')], 'critical'],
    ['only an acknowledged critical alert', [server('a', 'live')], [alert('critical', 'acknowledged')], 'ok'],
    ['no servers at all', [], [], 'unknown'],
  ] as const)('%s -> tray-%s', (_name, servers, alerts, worst) => {
    const s = summarize([...servers], [...alerts]);
    expect(s.worst).toBe(worst);
    expect(trayIconFile(s.worst)).toBe(`tray-${worst}.png`);
  });
});

describe('tray tooltip and menu', () => {
  const summary = summarize(
    [server('dns-2', 'live'), server('dns-1', 'stale'), server('dns-3', 'disabled')],
    [alert('warning'), alert('error')],
  );

  it('the tooltip says what is wrong in words', () => {
    expect(trayTooltip(summary)).toBe('DNS Fleet Monitor: critical alerts · 2 active alerts · 1 of 3 servers not live');
  });

  it('the menu lists servers by name with their state, then Show and Quit', () => {
    const labels = trayMenuModel(summary).map((e) => (e.kind === 'separator' ? '---' : e.label));
    expect(labels).toEqual(['◐ DNS-1: stale', '● DNS-2: live', '– DNS-3: disabled', '---', 'Show DNS Fleet Monitor', 'Quit']);
  });
});

describe('ElectronTrayPresenter', () => {
  afterEach(() => Tray.instances.splice(0));

  it('starts as unknown and switches icon, tooltip and menu on update; menu items call back', () => {
    const calls: string[] = [];
    const dir = resourcesDir();
    const presenter = new ElectronTrayPresenter({
      resourcesDir: dir,
      onShow: () => calls.push('show'),
      onQuit: () => calls.push('quit'),
    });
    const tray = Tray.instances[0]!;
    expect(tray.image).toMatchObject({ path: join(dir, 'tray-unknown.png') });
    presenter.update(summarize([server('dns-1', 'live')], [alert('warning')]));
    expect(tray.image).toMatchObject({ path: join(dir, 'tray-warning.png') });
    expect(tray.tooltip).toContain('1 active alert');
    const items = (tray.menu as { template: { label?: string; click?: () => void }[] }).template;
    items.find((i) => i.label === 'Quit')?.click?.();
    items.find((i) => i.label === 'Show DNS Fleet Monitor')?.click?.();
    expect(calls).toEqual(['quit', 'show']);
    presenter.dispose();
    expect(tray.destroyed).toBe(true);
  });

  it('shows a real picture in every state, never an empty (invisible) icon', () => {
    const presenter = new ElectronTrayPresenter({ resourcesDir: resourcesDir(), onShow: () => undefined, onQuit: () => undefined });
    const tray = Tray.instances[0]!;
    const worstOf = { ok: [server('a', 'live')], unknown: [server('a', 'stale')] };
    const cases = [
      ['ok', worstOf.ok, []],
      ['warning', worstOf.ok, [alert('warning')]],
      ['critical', worstOf.ok, [alert('critical')]],
      ['unknown', worstOf.unknown, []],
    ] as const;
    for (const [state, servers, alerts] of cases) {
      presenter.update(summarize([...servers], [...alerts]));
      const image = tray.image as { path: string; isEmpty(): boolean };
      expect(image.path.endsWith(trayIconFile(state))).toBe(true);
      expect(image.isEmpty(), `${state} icon at ${image.path}`).toBe(false);
    }
    presenter.dispose();
  });
});
