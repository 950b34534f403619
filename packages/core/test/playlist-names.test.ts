import { describe, expect, it } from '@jest/globals';
import { allowedPlaceholders, isDynamic, namePlaylist, parseNaming, parseTemplate, renderTemplate, type Template } from '../src/playlist-names/index.js';
import { sourceWords } from '../src/pipeline/name-playlist.js';

const parse = (text: string, hasWindows = true): Template => {
  const { template, problems } = parseTemplate(text, { where: 'PLAYLIST_NAME_TIME', allowed: allowedPlaceholders('title', hasWindows) });
  expect(problems).toEqual([]);
  return template!;
};

describe('title templates', () => {
  it('fill {source}, {window}, {user} and {date}', () => {
    const t = parse('{source} · {window} for {user} ({date})');
    expect(renderTemplate(t, { source: 'Daily Flow', window: '06:00-11:00', user: 'Ana', date: '2026-12-07' })).toBe('Daily Flow · 06:00-11:00 for Ana (2026-12-07)');
  });

  it('leave a plain title as it is, and read {{ }} as literal braces', () => {
    expect(renderTemplate(parse('Global Top 50'), {})).toBe('Global Top 50');
    expect(renderTemplate(parse('{{Mix}} {source}'), { source: 'Charts' })).toBe('{Mix} Charts');
  });

  it('tidy what a missing value leaves behind: empty brackets and dangling separators', () => {
    const t = parse('Daily Flow ({window})');
    expect(renderTemplate(t, {})).toBe('Daily Flow');
    expect(renderTemplate(parse('{source} · {window}'), { source: 'Daily Flow' })).toBe('Daily Flow');
    expect(renderTemplate(parse('Top 50 -'), {})).toBe('Top 50 -');
  });

  it('report every problem at once, each naming the setting and the fix', () => {
    const { template, problems } = parseTemplate('{sorce} {window} {date', { where: 'PLAYLIST_NAME_CHARTS', allowed: allowedPlaceholders('title', false) });
    expect(template).toBeUndefined();
    expect(problems).toEqual([
      'PLAYLIST_NAME_CHARTS has an unknown placeholder {sorce}; use {source}, {user}, {date}',
      'PLAYLIST_NAME_CHARTS uses {window}, which is not available here; use {source}, {user}, {date}',
      "PLAYLIST_NAME_CHARTS has a '{' at position 18 that is never closed; write {source}, or '{{' for a literal brace",
    ]);
  });

  it('refuse a stray closing brace and an empty title', () => {
    expect(parseTemplate('Mix }', { where: 'X', allowed: ['source'] }).problems).toEqual(["X has a '}' at position 5 that closes nothing; write '}}' for a literal brace"]);
    expect(parseTemplate('  ', { where: 'X', allowed: ['source'] }).problems).toEqual(["X is empty; give it a name, e.g. 'Harmoniq · {source}'"]);
  });

  it('know which titles change between runs (a rename follows)', () => {
    expect(isDynamic(parse('Daily Flow · {window}'))).toBe(true);
    expect(isDynamic(parse('{source} for {user}'))).toBe(false);
  });
});

describe('naming a playlist', () => {
  const now = new Date('2026-12-06T23:30:00Z');

  it('renders {date} as the local date in the configured zone', () => {
    const { naming } = parseNaming('Mix {date}', undefined, { hasWindows: false, where: { title: 'T', summary: 'S' } });
    expect(namePlaylist(naming!, { source: 'Charts', now, timeZone: 'Europe/Berlin' }).title).toBe('Mix 2026-12-07');
    expect(namePlaylist(naming!, { source: 'Charts', now, timeZone: 'America/New_York' }).title).toBe('Mix 2026-12-06');
  });

  it('keeps the source\'s own description without a template, and offers it as {summary} with one', () => {
    const plain = parseNaming('Charts', undefined, { hasWindows: false, where: { title: 'T', summary: 'S' } }).naming!;
    expect(namePlaylist(plain, { source: 'Charts', now, timeZone: 'UTC', summary: 'Top tracks this week.' }).summary).toBe('Top tracks this week.');
    const templated = parseNaming('Charts', '{summary} Made for {user} on {date}.', { hasWindows: false, where: { title: 'T', summary: 'S' } }).naming!;
    expect(namePlaylist(templated, { source: 'Charts', user: 'Ana', now, timeZone: 'UTC', summary: 'Top tracks.' }).summary).toBe('Top tracks. Made for Ana on 2026-12-06.');
  });

  it('checks title and description together and reports both', () => {
    const { naming, problems } = parseNaming('{nope}', '{window}', { hasWindows: false, where: { title: 'PLAYLIST_NAME_CHARTS', summary: 'PLAYLIST_SUMMARY_TEMPLATE' } });
    expect(naming).toBeUndefined();
    expect(problems).toHaveLength(2);
    expect(problems[1]).toMatch(/^PLAYLIST_SUMMARY_TEMPLATE uses \{window\}, which is not available here/);
  });

  it('never gives an empty title: placeholders that all came out empty fall back to the source', () => {
    const { naming } = parseNaming('{window}', undefined, { hasWindows: true, where: { title: 'T', summary: 'S' } });
    expect(namePlaylist(naming!, { source: 'Daily Flow', now, timeZone: 'UTC' }).title).toBe('Daily Flow');
  });
});

describe('sourceWords', () => {
  it("capitalises a source's name word by word, naming no service specially (a plugin declares its displayName)", () => {
    expect(sourceWords('daily-flow')).toBe('Daily Flow');
    expect(sourceWords('lastfm-charts')).toBe('Lastfm Charts');
  });
});
