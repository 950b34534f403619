import { describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { answerCachePath, createAnswerCache, createMemoryLogger, type AnswerCacheOptions } from '@harmoniq/core/pipeline';

const HOUR = 3_600_000;
const isNames = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

function setup(extra: Partial<AnswerCacheOptions> = {}) {
  const dataDir = extra.dataDir ?? mkdtempSync(join(tmpdir(), 'harmoniq-answers-'));
  const logger = createMemoryLogger();
  let at = Date.UTC(2026, 0, 1);
  const open = (more: Partial<AnswerCacheOptions> = {}) => createAnswerCache({ dataDir, logger, now: () => at, ...extra, ...more });
  let asked = 0;
  const ask = async () => {
    asked += 1;
    return ['Portishead', 'Massive Attack'];
  };
  return { dataDir, logger, open, ask, asked: () => asked, advance: (ms: number) => (at += ms), warnings: () => logger.lines.filter((l) => l.level === 'warn').map((l) => l.message) };
}

describe('the service answer cache', () => {
  it('answers from the data directory on the next run while the lifetime lasts, then asks again', async () => {
    const t = setup();
    const first = t.open();
    expect(await first.remember('lastfm artist.getSimilar?artist=air', 24 * HOUR, isNames, t.ask)).toEqual(['Portishead', 'Massive Attack']);
    await first.flush();
    const second = t.open();
    expect(await second.remember('lastfm artist.getSimilar?artist=air', 24 * HOUR, isNames, t.ask)).toEqual(['Portishead', 'Massive Attack']);
    expect(t.asked()).toBe(1);
    expect(second.stats()).toEqual({ hits: 1, misses: 0, stored: 0 });
    t.advance(25 * HOUR);
    await t.open().remember('lastfm artist.getSimilar?artist=air', 24 * HOUR, isNames, t.ask);
    expect(t.asked()).toBe(2);
  });

  it('asks again with --refresh-sources and keeps the new answer', async () => {
    const t = setup();
    const first = t.open();
    await first.remember('k', 24 * HOUR, isNames, t.ask);
    await first.flush();
    const refreshing = t.open({ refresh: true });
    await refreshing.remember('k', 24 * HOUR, isNames, async () => ['Boards of Canada']);
    await refreshing.flush();
    expect(await t.open().remember('k', 24 * HOUR, isNames, t.ask)).toEqual(['Boards of Canada']);
    expect(t.asked()).toBe(1);
  });

  it('caps every lifetime by the configured maximum age, and 0 turns it off (nothing written)', async () => {
    const t = setup();
    const capped = t.open({ maxAgeMs: HOUR });
    await capped.remember('k', 24 * HOUR, isNames, t.ask);
    await capped.flush();
    t.advance(2 * HOUR);
    await t.open({ maxAgeMs: HOUR }).remember('k', 24 * HOUR, isNames, t.ask);
    expect(t.asked()).toBe(2);

    const off = setup();
    const cache = off.open({ maxAgeMs: 0 });
    await cache.remember('k', 24 * HOUR, isNames, off.ask);
    await cache.remember('k', 24 * HOUR, isNames, off.ask);
    await cache.flush();
    expect(off.asked()).toBe(2);
    expect(() => readFileSync(answerCachePath(off.dataDir))).toThrow();
  });

  it('never stores a failure: the next call asks again', async () => {
    const t = setup();
    const cache = t.open();
    await expect(cache.remember('k', HOUR, isNames, async () => Promise.reject(new Error('Last.fm is down')))).rejects.toThrow('Last.fm is down');
    expect(await cache.remember('k', HOUR, isNames, t.ask)).toEqual(['Portishead', 'Massive Attack']);
  });

  it('shares one request between callers asking the same question at once', async () => {
    const t = setup();
    const cache = t.open();
    await Promise.all([cache.remember('k', HOUR, isNames, t.ask), cache.remember('k', HOUR, isNames, t.ask)]);
    expect(t.asked()).toBe(1);
  });

  it('rebuilds an unreadable file with a warning instead of failing', async () => {
    const t = setup();
    mkdirSync(join(t.dataDir, 'cache'), { recursive: true });
    writeFileSync(answerCachePath(t.dataDir), '{"format":1,"entries":{"k":{"at":1,');
    const cache = t.open();
    expect(await cache.remember('k', HOUR, isNames, t.ask)).toEqual(['Portishead', 'Massive Attack']);
    expect(t.warnings().join('\n')).toMatch(/service answer cache .* is unreadable .*rebuilding it/);
    await cache.flush();
    expect(await t.open().remember('k', HOUR, isNames, t.ask)).toEqual(['Portishead', 'Massive Attack']);
    expect(t.asked()).toBe(1);
  });

  it('rebuilds a file of another format, and treats damaged or wrongly shaped entries as misses', async () => {
    const other = setup();
    mkdirSync(join(other.dataDir, 'cache'), { recursive: true });
    writeFileSync(answerCachePath(other.dataDir), JSON.stringify({ format: 99, entries: {} }));
    await other.open().remember('k', HOUR, isNames, other.ask);
    expect(other.warnings().join('\n')).toMatch(/another version or damaged; rebuilding it/);

    const t = setup();
    const at = Date.UTC(2026, 0, 1);
    mkdirSync(join(t.dataDir, 'cache'), { recursive: true });
    const entries = { broken: 'not an entry', wrongShape: { at, until: at + HOUR, value: { name: 'Air' } }, good: { at, until: at + HOUR, value: ['Air'] } };
    writeFileSync(answerCachePath(t.dataDir), JSON.stringify({ format: 1, entries }));
    const cache = t.open();
    expect(await cache.remember('good', HOUR, isNames, t.ask)).toEqual(['Air']);
    expect(await cache.remember('wrongShape', HOUR, isNames, t.ask)).toEqual(['Portishead', 'Massive Attack']);
    expect(await cache.remember('broken', HOUR, isNames, t.ask)).toEqual(['Portishead', 'Massive Attack']);
    expect(t.asked()).toBe(2);
    expect(t.warnings().join('\n')).toMatch(/had 1 damaged entries/);
  });

  it('stays within its bounds, keeping the newest answers', async () => {
    const t = setup({ maxEntries: 3 });
    const cache = t.open();
    for (const name of ['a', 'b', 'c', 'd', 'e']) {
      await cache.set(name, [name], 24 * HOUR);
      t.advance(1000);
    }
    await cache.flush();
    const doc = JSON.parse(readFileSync(answerCachePath(t.dataDir), 'utf8')) as { entries: Record<string, unknown> };
    expect(Object.keys(doc.entries).sort()).toEqual(['c', 'd', 'e']);

    const small = setup({ maxBytes: 300 });
    const bytes = small.open();
    for (let i = 0; i < 20; i += 1) await bytes.set(`key-${i}`, ['x'.repeat(40)], HOUR);
    await bytes.flush();
    expect(readFileSync(answerCachePath(small.dataDir)).length).toBeLessThanOrEqual(300);
  });

  it('drops expired answers when it writes', async () => {
    const t = setup();
    const cache = t.open();
    await cache.set('short', ['x'], HOUR);
    await cache.set('long', ['y'], 48 * HOUR);
    t.advance(2 * HOUR);
    await cache.set('new', ['z'], HOUR);
    await cache.flush();
    const doc = JSON.parse(readFileSync(answerCachePath(t.dataDir), 'utf8')) as { entries: Record<string, unknown> };
    expect(Object.keys(doc.entries).sort()).toEqual(['long', 'new']);
  });

  it('writes nothing when nothing new was stored, and only whole files (no temp files left behind)', async () => {
    const t = setup();
    const cache = t.open();
    await cache.remember('k', HOUR, isNames, t.ask);
    await cache.flush();
    const before = readFileSync(answerCachePath(t.dataDir), 'utf8');
    const warm = t.open();
    await warm.remember('k', HOUR, isNames, t.ask);
    t.advance(1000);
    await warm.flush();
    expect(readFileSync(answerCachePath(t.dataDir), 'utf8')).toBe(before);
    expect(readdirSync(join(t.dataDir, 'cache'))).toEqual(['service-answers.json']);
  });

  it('warns and carries on when the cache cannot be written', async () => {
    const t = setup();
    // A file where the cache folder should be: no user, root included, can write below it.
    writeFileSync(join(t.dataDir, 'cache'), 'not a folder');
    const cache = t.open();
    expect(await cache.remember('k', HOUR, isNames, t.ask)).toEqual(['Portishead', 'Massive Attack']);
    await expect(cache.flush()).resolves.toBeUndefined();
    expect(t.warnings().join('\n')).toMatch(/could not be saved .* the next run asks the services again/);
  });
});
