import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ENV_NAMES, loadConfig, parseBoolean, parseEnum, parseHttpUrl, parseList, parseWholeNumber, parseZone } from '../src/config/index.js';

describe('parseWholeNumber', () => {
  it.each([
    ['50', 50], [' 7 ', 7], ['0001', 1], ['1000', 1000],
  ])('accepts %j', (raw, value) => {
    expect(parseWholeNumber(raw, 1, 1000)).toEqual({ ok: true, value });
  });
  it.each(['fifty', '', '0', '1001', '12.5', '-3', '+3', '1e2', '0x10', '5 0'])('rejects %j', (raw) => {
    expect(parseWholeNumber(raw, 1, 1000)).toEqual({ ok: false, message: `must be a whole number from 1 to 1000, got '${raw}'` });
  });
  it('parses every whole number in range and nothing else', () => {
    fc.assert(
      fc.property(fc.string(), (raw) => {
        const parsed = parseWholeNumber(raw, 1, 1000);
        if (parsed.ok) return Number.isInteger(parsed.value) && parsed.value >= 1 && parsed.value <= 1000;
        return parsed.message.startsWith('must be a whole number from 1 to 1000, got ');
      }),
    );
    fc.assert(fc.property(fc.integer({ min: 1, max: 1000 }), (n) => parseWholeNumber(String(n), 1, 1000).ok));
  });
});

describe('parseBoolean', () => {
  it.each([
    ['true', true], ['TRUE', true], ['1', true], ['yes', true], ['On', true],
    ['false', false], ['False', false], ['0', false], ['NO', false], ['off', false], [' yes ', true],
  ])('reads %j as %s', (raw, value) => {
    expect(parseBoolean(raw)).toEqual({ ok: true, value });
  });
  it('gives an issue, never an exception, for anything else', () => {
    fc.assert(
      fc.property(fc.string(), (raw) => {
        const parsed = parseBoolean(raw);
        return parsed.ok || parsed.message.startsWith('must be true or false');
      }),
    );
  });
});

describe('parseHttpUrl', () => {
  it.each([
    ['http://192.168.1.10:32400', 'http://192.168.1.10:32400'],
    ['https://plex.example.com/', 'https://plex.example.com'],
    ['http://proxy.lan/plex//', 'http://proxy.lan/plex'],
    ['  http://plex:32400  ', 'http://plex:32400'],
  ])('accepts %j as %j', (raw, value) => {
    expect(parseHttpUrl(raw)).toEqual({ ok: true, value });
  });
  it.each(['plex:32400', 'file:///etc/passwd', 'http://', 'http://plex:32400/ x', "'http://plex'", 'http://a:b@plex', 'http://plex?x=1', 'http://plex#a', 'http://plex:99999'])(
    'rejects %j',
    (raw) => {
      expect(parseHttpUrl(raw).ok).toBe(false);
    },
  );
  it('returns an http(s) URL without a trailing slash, or an issue, for any input', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.webUrl({ withQueryParameters: true, withFragments: true })), (raw) => {
        const parsed = parseHttpUrl(raw);
        if (!parsed.ok) return parsed.message.startsWith('must be an http:// or https:// address');
        return /^https?:\/\//.test(parsed.value) && !parsed.value.endsWith('/');
      }),
    );
  });
  it('never repeats a token given in the query string, the user info or as a known secret', () => {
    const token = fc.stringMatching(/^[A-Za-z0-9_-]{8,24}$/);
    fc.assert(
      fc.property(token, fc.constantFrom('?X-Plex-Token=', '#', ' ', '/?token='), (secret, glue) => {
        const withUserInfo = parseHttpUrl(`http://user:${secret}@plex:32400`);
        const embedded = parseHttpUrl(`http://plex:32400${glue}${secret}`, [secret]);
        return [withUserInfo, embedded].every((p) => !p.ok && !p.message.includes(secret));
      }),
    );
  });
});

describe('parseZone, parseEnum, parseList', () => {
  it('accepts IANA zones and refuses made-up ones', () => {
    expect(parseZone('America/New_York')).toEqual({ ok: true, value: 'America/New_York' });
    expect(parseZone('UTC')).toEqual({ ok: true, value: 'UTC' });
    expect(parseZone('Berlin').ok).toBe(false);
    expect(parseZone('').ok).toBe(false);
  });
  it('reads enum values case-insensitively and suggests near misses', () => {
    expect(parseEnum('JSON', ['human', 'json'])).toEqual({ ok: true, value: 'json' });
    expect(parseEnum('humna', ['human', 'json'])).toEqual({ ok: false, message: "must be one of human, json, got 'humna' (did you mean 'human'?)" });
  });
  it('splits comma lists and drops blanks', () => {
    expect(parseList(' a, b ,,c ')).toEqual(['a', 'b', 'c']);
    expect(parseList('')).toEqual([]);
  });
});

describe('loadConfig on arbitrary environments', () => {
  const names = [...Object.values(ENV_NAMES), 'LASTFM_API_KEY', 'XDG_DATA_HOME', 'HOME'];
  const cwd = mkdtempSync(join(tmpdir(), 'harmoniq-config-prop-'));
  it('never throws: every env map gives a config or issues with a path and a message', async () => {
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.constantFrom(...names), fc.string(), { maxKeys: names.length }), async (env) => {
        const result = await loadConfig({ cwd, env, homeDir: cwd, platform: 'linux' });
        if (result.ok) return typeof result.config.dataDir === 'string';
        return result.errors.every((e) => names.includes(e.path) && e.message.startsWith(`${e.path} `));
      }),
      { numRuns: 150 },
    );
  });
  it('never throws on values that look almost right', async () => {
    const almost = fc.oneof(
      fc.integer().map(String),
      fc.double().map(String),
      fc.constantFrom('yes', 'NO', 'On', 'maybe', 'http://x/', 'http//x', 'Europe/Berlin', 'Europe/Nowhere', '0 6 * * *', '*/5 *'),
      fc.webUrl(),
    );
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.constantFrom(...names), almost), async (env) => {
        const result = await loadConfig({ cwd, env, homeDir: cwd, platform: 'linux' });
        return result.ok || result.errors.length > 0;
      }),
      { numRuns: 150 },
    );
  });
});
