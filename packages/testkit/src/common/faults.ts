/**
 * Fault injection shared by every emulator: a rule matches requests by method and path, and for the
 * next `times` matches (after skipping `after` of them) answers with a fault instead of the real thing.
 */
export interface FaultRule {
  /** HTTP method, or '*' (default). */
  method?: string;
  /** Path pattern: an exact path, a prefix ending in '*', or a RegExp tested against the path. */
  path: string | RegExp;
  /** Answer with this status (and body/headers) instead of the real response. */
  status?: number;
  headers?: Record<string, string>;
  /** Bytes are sent as they are (a gzip bomb is a Uint8Array with Content-Encoding: gzip). */
  body?: string | Uint8Array;
  /** Wait this long before answering (combine with the other fields, or alone to slow the real answer). */
  delayMs?: number;
  /** Destroy the socket without answering. */
  reset?: boolean;
  /** Answer 200 with the real response's body cut in half (malformed JSON). */
  truncate?: boolean;
  /** Never answer (the client's timeout must fire). */
  hang?: boolean;
  /** Let the real handler run first, then fail the response (the write happened, the client sees an error). */
  afterHandler?: boolean;
  /** How many matching requests to fault (default 1; Infinity for all). */
  times?: number;
  /** Let this many matching requests through before faulting. */
  after?: number;
}

interface ActiveRule extends FaultRule {
  seen: number;
  fired: number;
}

export class FaultTable {
  private rules: ActiveRule[] = [];

  add(rule: FaultRule): void {
    this.rules.push({ ...rule, seen: 0, fired: 0 });
  }

  clear(): void {
    this.rules = [];
  }

  /** The rule that applies to this request, counting it; undefined when none fires. */
  take(method: string, path: string): FaultRule | undefined {
    for (const rule of this.rules) {
      if (!matches(rule, method, path)) continue;
      rule.seen += 1;
      if (rule.seen <= (rule.after ?? 0)) continue;
      if (rule.fired >= (rule.times ?? 1)) continue;
      rule.fired += 1;
      return rule;
    }
    return undefined;
  }
}

function matches(rule: FaultRule, method: string, path: string): boolean {
  if (rule.method && rule.method !== '*' && rule.method.toUpperCase() !== method.toUpperCase()) return false;
  if (rule.path instanceof RegExp) return rule.path.test(path);
  if (rule.path.endsWith('*')) return path.startsWith(rule.path.slice(0, -1));
  return path === rule.path;
}
