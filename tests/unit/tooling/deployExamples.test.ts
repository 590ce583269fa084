/**
 * The deployment examples in docs/deploy must not rot: they parse, and every name they rely on still
 * exists in the code (the metrics Prometheus rules query, the alert names Alertmanager routes on,
 * the CLI flags the services pass, the password variable names the scripts load).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { RULE } from '../../../electron/core/alerts/alertRules';
import { FleetExporter } from '../../../electron/core/export/FleetExporter';
import { PASSWORD_ENV_PATTERN } from '../../../shared/domain/serverConfig';

const DEPLOY = join(__dirname, '../../../docs/deploy');
const text = (name: string) => readFileSync(join(DEPLOY, name), 'utf8');
const yaml = (name: string) => load(text(name)) as Record<string, unknown>;

interface Route {
  receiver?: string;
  matchers?: string[];
  routes?: Route[];
}
interface Inhibit {
  source_matchers: string[];
  target_matchers: string[];
  equal: string[];
}

/** Every label matcher of a route tree (Alertmanager's `name="value"` syntax). */
const routeMatchers = (r: Route): string[] => [...(r.matchers ?? []), ...(r.routes ?? []).flatMap(routeMatchers)];
const routeReceivers = (r: Route): string[] => [...(r.receiver ? [r.receiver] : []), ...(r.routes ?? []).flatMap(routeReceivers)];
const MATCHER = /^([a-zA-Z_][a-zA-Z0-9_]*)(=~|!~|!=|=)"([^"]*)"$/;

/** The alert names a matcher's value names (a regex alternation is split). */
function alertnames(matchers: string[]): string[] {
  return matchers.flatMap((m) => {
    const [, name, , value] = MATCHER.exec(m) ?? [];
    return name === 'alertname' ? value!.split('|') : [];
  });
}

async function exportedNames(): Promise<Set<string>> {
  const at = '2026-12-06T22:00:00.000Z';
  const exporter = new FleetExporter({
    source: {
      read: async () => ({
        servers: [{ serverId: 'dns-a', name: 'A', state: 'live', since: at, lastDataAt: at, stack: 'unified', reconnect: null, forwarders: [{ id: 1, name: 'f', type: 'public', status: 'healthy', healthyServers: 1, totalServers: 1, lastChecked: null }], bindRunning: true }],
        openAlerts: [],
        qps: new Map([['dns-a', 1]]),
        verdicts: [{ serverId: 'dns-a', name: 'A', level: 'ok', reasons: [], acknowledged: false, since: at }],
      }),
    },
  });
  const body = await exporter.scrape();
  return new Set([...body.matchAll(/^# TYPE (\S+)/gm)].map((m) => m[1]!));
}

describe('docs/deploy', () => {
  it('alertmanager.yml parses, routes only to its receivers, and names only alerts that exist', () => {
    const am = yaml('alertmanager.yml') as { route: Route; receivers: { name: string }[]; inhibit_rules: Inhibit[] };
    const receivers = new Set(am.receivers.map((r) => r.name));
    for (const r of routeReceivers(am.route)) expect(receivers, r).toContain(r);
    const matchers = [...routeMatchers(am.route), ...am.inhibit_rules.flatMap((i) => [...i.source_matchers, ...i.target_matchers])];
    for (const m of matchers) expect(m, m).toMatch(MATCHER);
    const ruleAlerts = new Set(((yaml('prometheus-rules.yml').groups as { rules: { alert: string }[] }[]) ?? []).flatMap((g) => g.rules.map((r) => r.alert)));
    const appAlerts = new Set([...Object.values(RULE), 'test'].map((r) => `dnsfleet_${r}`));
    for (const name of alertnames(matchers)) expect(appAlerts.has(name) || ruleAlerts.has(name), `${name}: neither a dnsfleet rule nor a Prometheus rule`).toBe(true);
    for (const i of am.inhibit_rules) expect(i.equal.length).toBeGreaterThan(0);
  });

  it('the Prometheus rules query only metrics the exporter serves', async () => {
    const exported = await exportedNames();
    const rules = (yaml('prometheus-rules.yml').groups as { rules: { alert: string; expr: string }[] }[]).flatMap((g) => g.rules);
    expect(rules.length).toBeGreaterThan(3);
    for (const r of rules) {
      for (const metric of r.expr.match(/\bdnsfleet_[a-z_]+/g) ?? []) expect(exported, `${r.alert}: ${metric}`).toContain(metric);
    }
    const scrape = yaml('prometheus-scrape.yml') as { scrape_configs: { job_name: string }[] };
    expect(scrape.scrape_configs.map((s) => s.job_name)).toContain('dnsfleet');
  });

  it('the service definitions run `dnsfleet monitor` with flags it takes, on loopback', () => {
    const monitorSource = readFileSync(join(__dirname, '../../../electron/hosts/cli/monitor.ts'), 'utf8');
    const unit = text('dnsfleet-monitor.service');
    const sections = [...unit.matchAll(/^\[(\w+)\]$/gm)].map((m) => m[1]);
    expect(sections).toEqual(['Unit', 'Service', 'Install']);
    for (const line of unit.split('\n').filter((l) => l.trim() && !l.startsWith('#') && !l.startsWith('['))) expect(line, 'key=value').toMatch(/^[A-Za-z]+=/);
    const exec = /^ExecStart=(.*)$/m.exec(unit)![1]!;
    const windows = text('run-monitor.ps1');
    for (const command of [exec, /& \$Dnsfleet (monitor .*)$/m.exec(windows)![1]!]) {
      expect(command).toMatch(/\bmonitor\b/);
      for (const [, flag] of command.matchAll(/--([a-z-]+)/g)) expect(monitorSource, `--${flag}`).toMatch(new RegExp(`'?${flag}'?: \\{ type`));
    }
    expect(exec).toMatch(/--metrics-listen 127\.0\.0\.1:\d+/);
    // The Windows wrapper loads exactly the variable names a fleet file may name.
    const loaded = /-match '\^\\s\*\((DNSFLEET_[^)]+)\)=/.exec(windows)![1]!;
    expect(`^${loaded}$`).toBe(PASSWORD_ENV_PATTERN.source);
  });
});
