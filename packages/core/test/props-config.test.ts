import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@harmoniq/core/pipeline';

/** Environment maps as hostile as a compose file can make them: never a throw, numbers exact, secrets never echoed. */

const cwd = mkdtempSync(join(tmpdir(), 'harmoniq-props-config-'));
const load = (env: Record<string, string | undefined>) => loadConfig({ cwd, env, homeDir: cwd, platform: 'linux' });

describe('loadConfig with arbitrary environment maps', () => {
  it('never throws for any keys and values, including prototype names and control characters', async () => {
    const key = fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', 'toString', 'PLEX_URL', 'PLEX_TOKEN', 'TIMEZONE', 'TIME_WINDOWS', 'ENABLE_CUSTOM_1'));
    const value = fc.oneof(fc.string(), fc.string({ unit: 'binary', maxLength: 40 }), fc.constant(undefined));
    await fc.assert(
      fc.asyncProperty(fc.dictionary(key, value, { maxKeys: 12 }), async (env) => {
        const r = await load(env);
        expect(r.ok || r.errors.length > 0).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('takes every whole number in range exactly, and names the variable for any other value', async () => {
    const names = { PLEX_PAGE_SIZE: [1, 10_000], PLEX_TIMEOUT_MS: [1, 600_000] } as const;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...(Object.keys(names) as Array<keyof typeof names>)), fc.oneof(fc.integer({ min: -5, max: 700_000 }).map(String), fc.string()), async (name, raw) => {
        const [min, max] = names[name];
        const r = await load({ [name]: raw });
        const n = Number(raw.trim());
        const valid = /^\s*\d+\s*$/.test(raw) && n >= min && n <= max;
        if (valid) {
          expect(r.ok).toBe(true);
          if (r.ok) expect(name === 'PLEX_PAGE_SIZE' ? r.config.plex.pageSize : r.config.plex.timeoutMs).toBe(n);
        } else if (raw.trim() !== '') {
          expect(r.ok).toBe(false);
          if (!r.ok) expect(r.errors.map((e) => e.path)).toContain(name);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('never repeats the Plex token in an error, wherever it hides in PLEX_URL', async () => {
    const token = fc.stringMatching(/^[A-Za-z0-9]{12,24}$/);
    const url = (t: string) => fc.constantFrom(`http://plex:32400/?X-Plex-Token=${t}`, `http://u:${t}@plex:32400`, `plex:32400/${t}`, `${t}`, `ftp://plex/${t}`, `http://plex:99999/${t}`);
    await fc.assert(
      fc.asyncProperty(token.chain((t) => fc.tuple(fc.constant(t), url(t))), async ([t, plexUrl]) => {
        const r = await load({ PLEX_URL: plexUrl, PLEX_TOKEN: t });
        const text = JSON.stringify(r.ok ? r.warnings : [r.errors, r.warnings]);
        expect(text).not.toContain(t);
      }),
      { numRuns: 200 },
    );
  });
});
