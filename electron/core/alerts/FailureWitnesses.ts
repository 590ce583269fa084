/**
 * One failure, two rules that key it differently. BIND stopped is `bind` to the API's status rule
 * and `probe:dns` to the DNS probes: two alerts, two notifications for one failure. Here each such
 * key is a witness of a failure; the engine files every witness's signal under the one open alert of
 * that failure (AlertSources then counts them as its sources: one notification, resolved when every
 * witness is healthy again). Whichever witness spoke first hosts the alert: its key and rule stay
 * for the alert's life, so a forwarded alert keeps its identity (Alertmanager labels). What each
 * witness said is kept to word the alert: both witnesses while both fail, and which one still fails
 * once the other has recovered. The first witness alone keeps its own words.
 * Two such failures: BIND stopped (API + DNS probe), and the API unreachable while DNS answers
 * (the connection rule + the DNS probe).
 * Kept in memory, like AlertSources: a reloaded alert has no known witnesses.
 */
import type { Alert } from '../../../shared/domain/alert';
import { PROBE_KEYS } from '../probes/ProbeJudge';
import { alertMapKey } from './alertRecords';
import type { Signal } from './signals';

interface Witness {
  /** The alert key this witness's rule raises and resolves. */
  key: string;
  /** Its name among the alert's sources (AlertSources). */
  source: string;
  failing(detail: string): string;
  recovered: string;
}

/** A witness's own sentence, as one clause of the joint detail ("…; …"). */
const clause = (detail: string): string => detail.replace(/\.\s*$/, '');

/** BIND stopped: the API's status says so, and the DNS port stops answering. A hung named is the probe alone. */
const DNS_SERVICE: readonly Witness[] = [
  { key: 'bind', source: 'api', failing: () => 'BIND reported stopped by the API', recovered: 'BIND running again per the API' },
  { key: PROBE_KEYS.dns, source: 'probe', failing: (detail) => `DNS probe: ${detail}`, recovered: 'DNS probe: answers again' },
];

/**
 * The API unreachable while DNS answers: the connection rule says "No data from …" and the probe says
 * the API is down while DNS answers, after the same grace. The probe's words lead (it knows DNS still
 * serves clients); if DNS stops answering too, the probe stands down and the connection alert speaks alone.
 */
const API_REACH: readonly Witness[] = [
  { key: PROBE_KEYS.api, source: 'probe', failing: (detail) => `DNS probe: DNS answers. ${clause(detail)}`, recovered: 'DNS probe: DNS no longer answers either' },
  { key: 'connection', source: 'connection', failing: (detail) => `API: ${clause(detail)}`, recovered: 'API: data flows again' },
];

const FAILURES: readonly (readonly Witness[])[] = [DNS_SERVICE, API_REACH];
const WITNESS = new Map(FAILURES.flatMap((failure) => failure.map((w) => [w.key, { witness: w, failure }] as const)));

/** Whether two alert keys of one server are witnesses of one failure (the verdict lets either restate the other). */
export function sameFailure(a: string, b: string): boolean {
  const failure = WITNESS.get(a)?.failure;
  return failure !== undefined && failure === WITNESS.get(b)?.failure;
}

interface Said {
  title: string;
  detail: string;
  failing: boolean;
}

export interface WitnessHost {
  /** The open alert with this key on this server. */
  openAlert(serverId: string, key: string): Alert | undefined;
  /** Whether that alert counts `source` among the sources that say it is bad. */
  hasSource(serverId: string, key: string, source: string): boolean;
}

export class FailureWitnesses {
  /** Per open alert (map key), what each witness said last, in the failure's order. */
  private readonly said = new Map<string, Map<string, Said>>();

  constructor(private readonly host: WitnessHost) {}

  /**
   * The signal filed where it belongs: under the open alert of its failure (that alert's key and
   * rule), with its witness as the source; remembered for the alert's words. Other signals pass.
   */
  place(s: Signal): Signal {
    const found = WITNESS.get(s.key);
    if (!found) return s;
    const { witness, failure } = found;
    if (s.kind === 'resolve') {
      const key = this.hostKey(s.serverId, witness, failure, (k) => this.host.hasSource(s.serverId, k, witness.source));
      const said = this.said.get(alertMapKey(s.serverId, key))?.get(witness.source);
      if (said) said.failing = false;
      return { ...s, key, source: witness.source };
    }
    const key = this.hostKey(s.serverId, witness, failure, () => true);
    const hostAlert = this.host.openAlert(s.serverId, key);
    const mapKey = alertMapKey(s.serverId, key);
    if (!hostAlert) this.said.delete(mapKey); // a fresh alert: nothing said about it yet
    const said = this.said.get(mapKey) ?? new Map<string, Said>();
    said.set(witness.source, { title: s.title, detail: s.detail, failing: true });
    this.said.set(mapKey, new Map(failure.filter((w) => said.has(w.source)).map((w) => [w.source, said.get(w.source)!])));
    return { ...s, key, rule: hostAlert?.rule ?? s.rule, source: witness.source };
  }

  /** The alert's words once two witnesses have spoken; null while one alone speaks (its own words stand). */
  told(serverId: string, key: string): { title: string; detail: string } | null {
    const said = this.said.get(alertMapKey(serverId, key));
    const failure = WITNESS.get(key)?.failure;
    if (!said || said.size < 2 || !failure) return null;
    const lines = (failing: boolean) =>
      failure.filter((w) => said.get(w.source)?.failing === failing).map((w) => (failing ? w.failing(said.get(w.source)!.detail) : w.recovered));
    const failing = lines(true);
    const recovered = lines(false);
    const firstFailing = failure.find((w) => said.get(w.source)?.failing);
    const title = said.get(firstFailing?.source ?? '')?.title ?? [...said.values()][0]!.title;
    const detail = recovered.length === 0 ? failing.join('; ') : `Still failing: ${failing.join('; ')}; recovered: ${recovered.join('; ')}`;
    return { title, detail };
  }

  /** The alert resolved (or is gone): what its witnesses said goes with it. */
  forget(serverId: string, key: string): void {
    this.said.delete(alertMapKey(serverId, key));
  }

  dispose(): void {
    this.said.clear();
  }

  /** The witness's own alert if open, else another open alert of its failure that `fits`, else its own key. */
  private hostKey(serverId: string, witness: Witness, failure: readonly Witness[], fits: (key: string) => boolean): string {
    if (this.host.openAlert(serverId, witness.key)) return witness.key;
    const other = failure.find((w) => w !== witness && this.host.openAlert(serverId, w.key) && fits(w.key));
    return other?.key ?? witness.key;
  }
}
