import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { type LibraryTrack } from '@harmoniq/core';
import { createMatcher } from '@harmoniq/core/pipeline';
import { foldText, keyOf, tokensOf } from '../src/match/normalize-text.js';
import { artistKey } from '../src/match/parse-artist.js';

/**
 * The matcher's normalisation (not exported from @harmoniq/core: the package exports createMatcher only, so
 * these import its module directly) and the matcher itself, on any text a service may send.
 */

const anyText = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.constantFrom('', ' ', '\u0000', '\u200b', '\ufeff', '𝔘𝔫𝔦𝔠𝔬𝔡𝔢', '‘’“”–—', 'Ø æ ß ł', '\ud800', 'A'.repeat(10_000)),
);
// Letters of scripts that must survive folding (CJK, kana with voicing marks, Hangul, Devanagari, Arabic, Hebrew, Thai).
const nonLatin = fc.constantFrom('東京事変', 'ヴァンパイア', 'がぎぐ', '방탄소년단', 'हिन्दी', 'فيروز', 'שלום', 'สวัสดี', 'Кино', 'Σωκράτης');

describe('foldText and keyOf', () => {
  it('never throw and are idempotent on any string', () => {
    fc.assert(
      fc.property(anyText, (raw) => {
        const folded = foldText(raw);
        expect(foldText(folded)).toBe(folded);
        const key = keyOf(raw);
        expect(keyOf(key)).toBe(key);
        expect(() => tokensOf(key)).not.toThrow();
        expect(() => artistKey(raw)).not.toThrow();
      }),
      { numRuns: 1000 },
    );
  });

  it('give a non-empty key for any text with a letter or digit', () => {
    fc.assert(
      fc.property(anyText, (raw) => {
        fc.pre(/[\p{L}\p{N}]/u.test(raw));
        expect(keyOf(raw).length).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });

  it('keep non-Latin scripts as written (no transliteration, no loss)', () => {
    fc.assert(
      fc.property(nonLatin, fc.constantFrom('', ' (Live)', ' - 2011 Remaster', ' feat. X'), (word, suffix) => {
        const key = keyOf(`${word}${suffix}`);
        const letters = [...word.normalize('NFC').toLowerCase()].filter((c) => /\p{L}/u.test(c) && !/[\u0300-\u036f]/.test(c));
        const stripped = key.replace(/\s+/g, '');
        // Greek and Cyrillic lose accents only; every other script keeps every character.
        for (const c of letters) if (!/[\u0370-\u03ff\u0400-\u04ff]/.test(c)) expect(stripped).toContain(c);
        expect(key).not.toMatch(/^[a-z0-9 ]*$/);
      }),
    );
  });

  it('fold case, accents, curly quotes and dashes to the same key', () => {
    expect(keyOf('Beyoncé')).toBe(keyOf('BEYONCE'));
    expect(keyOf('Don’t Stop')).toBe(keyOf("Don't Stop"));
    expect(keyOf('Sigur Rós')).toBe(keyOf('sigur ros'));
  });
});

describe('the matcher on hostile candidates', () => {
  const track = (n: number, artist: string, title: string): LibraryTrack => ({ ratingKey: String(n), artist, title, album: 'A' });
  const library = [track(1, 'Adele', 'Hello'), track(2, '東京事変', '群青日和'), track(3, 'Sigur Rós', 'Hoppípolla'), track(4, '', ''), track(5, '\u0000', '\ud800')];
  const matcher = createMatcher(library, { overrides: [] });

  it('answers matched or unmatched, never throws, for any artist and title', () => {
    fc.assert(
      fc.property(anyText, anyText, fc.option(fc.integer({ min: -1, max: 10_000_000 })), (artist, title, durationMs) => {
        const r = matcher.match({ artist, title, ...(durationMs === null ? {} : { durationMs }) });
        expect(['matched', 'unmatched']).toContain(r.status);
      }),
      { numRuns: 500 },
    );
  });

  it('still finds a non-Latin title written as in the library', () => {
    expect(matcher.match({ artist: '東京事変', title: '群青日和' })).toMatchObject({ status: 'matched', track: { ratingKey: '2' } });
    expect(matcher.match({ artist: 'Sigur Ros', title: 'Hoppipolla' })).toMatchObject({ status: 'matched', track: { ratingKey: '3' } });
  });
});
