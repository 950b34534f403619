/**
 * Issue 18, class 4: a plugin cannot take the run down. Each module below misbehaves in one way a real one could;
 * the spawned CLI runs them next to honest sources. Each misbehaviour is that source's failure (exit 1, recorded
 * in the report and the history), the others still sync, nothing secret is printed, and no stack trace.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import type { PlexEmulator } from '@harmoniq/testkit';
import { spawnCli } from './cli-harness.js';
import { useGemsWorld } from './gems-world.js';
import { spawnHarmoniq, WAIT_MS } from './daemon-harness.js';
import { writeFiles } from './fixtures/plugin-fixtures.js';

const TOKEN = 'process.env.PLEX_TOKEN';
const GOOD = "(ctx) => ctx.library.tracks.filter((t) => t.artist === 'Copper Sun').map((t) => ({ artist: t.artist, title: t.title, ids: { plexRatingKey: t.ratingKey } }))";

const MODULES = {
  'good.mjs': `export default ${GOOD};\n`,
  'list.csv': 'Artist,Title\nDust Choir,Barely Known\n',
  'pending.mjs': 'export default () => new Promise(() => {});\n',
  'timer-hang.mjs': 'export default () => new Promise(() => { setInterval(() => {}, 1000); });\n',
  'unhandled.mjs': `export default async () => { Promise.reject(new Error('lost ' + ${TOKEN})); await new Promise((r) => setTimeout(r, 200)); return []; };\n`,
  'timer-throw.mjs': `export default () => new Promise(() => { setTimeout(() => { throw new Error('tick ' + ${TOKEN}); }, 10); });\n`,
  'exit-zero.mjs': 'export default () => { process.exit(0); };\n',
  'chatty.mjs': `export default (ctx) => { console.log('token=' + ${TOKEN}); console.error('X-Plex-Token: ' + ${TOKEN} + '\\nERROR forged line'); return (${GOOD})(ctx); };\n`,
  'hog.mjs': 'export default () => { const keep = []; for (;;) keep.push(new Array(1e6).fill(1)); };\n',
  'plugin-rogue.mjs': `export default { apiVersion: 1, name: 'rogue', description: 'Misbehaves.', defaults: { playlist: 'Rogue', size: 5, enabled: true },
  parseOptions: () => ({ ok: true, value: {} }),
  async fetch() { setTimeout(() => { throw new Error('rogue ' + ${TOKEN}); }, 5); return new Promise(() => {}); } };\n`,
};

interface Report {
  exitCode: number;
  sources: { source: string; ok: boolean; error?: { code: string; message: string } }[];
}

let plex: PlexEmulator;
let dir: string;
let env: Record<string, string>;

useGemsWorld('harmoniq-hostile-plugins-', (world) => {
  ({ plex, dir } = world);
  writeFiles(dir, MODULES);
  env = {
    ...world.env,
    HARMONIQ_PLUGIN_TIME_LIMIT_SECONDS: '3',
    HARMONIQ_PLUGIN_MEMORY_MB: '64',
  };
});

describe('a misbehaving plugin fails its own source only', () => {
  it('reports a hang, a crash, an exit, a stall and a memory hog as that source’s failure; the others sync; exit 1', async () => {
    const modules = ['good.mjs', 'list.csv', 'pending.mjs', 'timer-hang.mjs', 'unhandled.mjs', 'timer-throw.mjs', 'exit-zero.mjs', 'chatty.mjs', 'hog.mjs'];
    const custom = Object.fromEntries(modules.map((m, i) => [m.endsWith('.csv') ? `CUSTOM_${i + 1}_FILE` : `CUSTOM_${i + 1}_MODULE`, `./${m}`]));
    const r = await spawnCli(['sync', '--all', '--json'], { ...env, ...custom, HARMONIQ_PLUGINS: './plugin-rogue.mjs' }, dir);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as Report;
    const by = (name: string) => report.sources.find((s) => s.source === name);
    expect(report.sources).toHaveLength(10);
    expect(by('custom-1')).toMatchObject({ ok: true });
    expect(by('custom-2')).toMatchObject({ ok: true });
    expect(by('custom-8')).toMatchObject({ ok: true });
    expect(by('custom-3')?.error).toMatchObject({ code: 'ESOURCECRASH', message: expect.stringContaining('can never settle') });
    expect(by('custom-4')?.error).toMatchObject({ code: 'ESOURCETIMEOUT', message: expect.stringContaining('within 3 s') });
    expect(by('custom-5')?.error).toMatchObject({ code: 'ESOURCECRASH', message: expect.stringContaining('lost') });
    expect(by('custom-6')?.error).toMatchObject({ code: 'ESOURCECRASH', message: expect.stringContaining('tick') });
    expect(by('custom-7')?.error).toMatchObject({ code: 'ESOURCECRASH', message: expect.stringContaining('process.exit(0)') });
    expect(by('custom-9')?.error).toMatchObject({ code: 'ESOURCECRASH', message: expect.stringContaining('out of memory') });
    expect(by('rogue')?.error).toMatchObject({ code: 'ESOURCECRASH', message: expect.stringContaining('rogue') });
    expect(plex.playlist('Custom 1')?.items.map((i) => i.ratingKey)).toEqual(['301']);
    expect(plex.playlist('Custom 2')?.items.map((i) => i.ratingKey)).toEqual(['401']);
    for (const n of [3, 4, 5, 6, 7, 9]) expect(plex.playlist(`Custom ${n}`)).toBeUndefined();

    // The plugins' console output reached the log, redacted, one labelled line per line it printed.
    expect(r.stderr).toContain('[custom-8] console: token=[redacted]');
    expect(r.stderr).toMatch(/\[custom-8\] WARN console: ERROR forged line/);
    expect(r.stderr).not.toMatch(/^ERROR forged/m);
    for (const out of [r.stdout, r.stderr]) {
      expect(out).not.toContain(plex.token);
      expect(out).not.toMatch(/\n\s+at /);
    }
    // Recorded: the history holds this run with each failure.
    const history = readFileSync(join(dir, 'data', 'history.json'), 'utf8');
    expect(history).toContain('ESOURCETIMEOUT');
    expect(history).not.toContain(plex.token);
  }, 90_000);

  it('keeps the error codes a plugin declares across the boundary, and no other', async () => {
    const coded = `const codes = { meanings: { ECODEDKEY: 'The coded service refused its key.' }, error: (init) => Object.assign(new Error(init.message), init, { name: 'HarmoniqError' }) };
const base = { apiVersion: 1, description: 'Fails on purpose.', parseOptions: () => ({ ok: true, value: {} }), errorCodes: codes };
export default [
  { ...base, name: 'coded', defaults: { playlist: 'Coded', size: 5, enabled: true }, async fetch() { throw codes.error({ code: 'ECODEDKEY', message: 'The key was refused', hint: 'Check CODED_KEY' }); } },
  { ...base, name: 'forger', defaults: { playlist: 'Forger', size: 5, enabled: true }, async fetch() { throw Object.assign(new Error('made up'), { code: 'EMADEUP' }); } },
];\n`;
    writeFiles(dir, { 'plugin-coded.mjs': coded });
    const r = await spawnCli(['sync', '--all', '--json'], { ...env, CUSTOM_1_MODULE: './good.mjs', HARMONIQ_PLUGINS: './plugin-coded.mjs' }, dir);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as Report;
    const by = (name: string) => report.sources.find((s) => s.source === name);
    expect(by('custom-1')).toMatchObject({ ok: true });
    expect(by('coded')?.error).toMatchObject({ code: 'ECODEDKEY', message: expect.stringContaining('The key was refused') });
    expect(by('forger')?.error).toMatchObject({ code: 'ESOURCE', message: expect.stringContaining('made up') });
  }, 60_000);

  it('outside the boundary (a plugin’s top-level code, its parseOptions) an exit or an escaped error is exit 1 and one redacted line', async () => {
    const plugin = (name: string, top: string, parse: string) =>
      `${top}\nexport default { apiVersion: 1, name: '${name}', description: 'Misbehaves outside the boundary.', defaults: { playlist: '${name}', size: 5, enabled: true },\n  parseOptions: () => { ${parse} return { ok: true, value: {} }; }, async fetch() { await new Promise((r) => setTimeout(r, 2000)); return []; } };\n`;
    writeFiles(dir, {
      'plugin-exit.mjs': plugin('exiter', 'process.exit(0);', ''),
      'plugin-late.mjs': plugin('late', '', `setTimeout(() => { throw new Error('late ' + ${TOKEN}); }, 0);`),
    });
    const exited = await spawnCli(['sync', '--all'], { ...env, CUSTOM_1_MODULE: './good.mjs', HARMONIQ_PLUGINS: './plugin-exit.mjs' }, dir);
    expect(exited.code).toBe(1);
    expect(exited.stderr).toMatch(/^EINTERNAL Harmoniq ended before the command finished \(something called process\.exit\(\)/m);
    const late = await spawnCli(['sync', '--all'], { ...env, CUSTOM_1_MODULE: './good.mjs', HARMONIQ_PLUGINS: './plugin-late.mjs' }, dir);
    expect(late.code).toBe(1);
    expect(late.stderr).toMatch(/^EINTERNAL An error escaped outside any promise and stopped Harmoniq: late \[redacted\]/m);
    for (const out of [exited.stdout, exited.stderr, late.stdout, late.stderr]) {
      expect(out).not.toContain(plex.token);
      expect(out).not.toMatch(/\n\s+at /);
    }
  }, 60_000);

  it('makes --dry-run binding: a plugin’s own files are not kept', async () => {
    const writer = `import { mkdirSync, writeFileSync } from 'node:fs';\nexport default (ctx) => { mkdirSync(ctx.dataDir, { recursive: true }); writeFileSync(ctx.dataDir + '/seen.json', '[]'); return (${GOOD})(ctx); };\n`;
    writeFiles(dir, { 'writer.mjs': writer });
    const seen = join(dir, 'data', 'sources', 'custom-1', 'seen.json');
    const dry = await spawnCli(['sync', '--all', '--dry-run'], { ...env, CUSTOM_1_MODULE: './writer.mjs' }, dir);
    expect(dry.code).toBe(0);
    expect(existsSync(seen)).toBe(false);
    const real = await spawnCli(['sync', '--all'], { ...env, CUSTOM_1_MODULE: './writer.mjs' }, dir);
    expect(real.code).toBe(0);
    expect(existsSync(seen)).toBe(true);
  }, 60_000);

  it('stops a hung plugin when the daemon is told to stop', async () => {
    const daemon = spawnHarmoniq(
      ['daemon', '--shutdown-seconds', '1'],
      { ...env, HARMONIQ_PLUGIN_TIME_LIMIT_SECONDS: '3600', CUSTOM_1_MODULE: './timer-hang.mjs', RUN_INTERVAL_MINUTES: '60' },
      dir,
    );
    await daemon.waitFor((l) => l.label === 'custom-1' && /Fetching candidates/.test(l.message), { timeoutMs: WAIT_MS });
    daemon.child.kill('SIGTERM');
    const exit = await daemon.exited;
    expect(exit.code).toBe(0);
    expect(daemon.lines().some((l) => /EABORTED/.test(l.message))).toBe(true);
    expect(plex.playlist('Custom 1')).toBeUndefined();
  }, 60_000);

  it('keeps the run lock fresh while a plugin keeps its thread busy, so a second run does not take it over', async () => {
    const spin = `export default (ctx) => { const end = Date.now() + 30000; while (Date.now() < end) {} return (${GOOD})(ctx); };\n`;
    writeFiles(dir, { 'spin.mjs': spin });
    const first = spawnHarmoniq(['sync', '--all'], { ...env, HARMONIQ_PLUGIN_TIME_LIMIT_SECONDS: '120', CUSTOM_1_MODULE: './spin.mjs' }, dir);
    await first.waitFor((l) => l.label === 'custom-1' && /Fetching candidates/.test(l.message), { timeoutMs: WAIT_MS });
    // Past the lock's 15 s staleness: a lock whose holder stopped refreshing it would be taken over now.
    await new Promise((r) => setTimeout(r, 17_000));
    const second = await spawnCli(['sync', '--all', '--wait', '0'], { ...env, CUSTOM_1_MODULE: './good.mjs' }, dir);
    expect(second.code).toBe(4);
    expect(second.stderr).toContain('ELOCKED');
    expect((await first.exited).code).toBe(0);
    expect(plex.playlist('Custom 1')?.items.map((i) => i.ratingKey)).toEqual(['301']);
  }, 120_000);
});
