import { describe, expect, it } from '@jest/globals';
import { createOptionReader, readCredentials, readUser } from '@harmoniq/lastfm';

describe('createOptionReader', () => {
  it('prefers the environment, reads numbers given as text, and matches choices case-insensitively', () => {
    const reader = createOptionReader({ size: 3, period: '7DAY', name: 'file' }, 'demo', { DEMO_NAME: ' env ' });
    expect(reader.string('name', 'DEMO_NAME')).toBe('env');
    expect(reader.integer('size', 'DEMO_SIZE', { min: 1, max: 10, fallback: 5 })).toBe(3);
    expect(reader.oneOf('period', undefined, ['7day', 'overall'] as const, 'overall')).toBe('7day');
    reader.rejectUnknownKeys();
    expect(reader.issues).toEqual([]);
  });

  it('collects every problem with its path instead of stopping at the first', () => {
    const reader = createOptionReader({ size: 2.5, name: 42, extra: true }, 'demo', { DEMO_MODE: 'loud' });
    reader.string('name');
    reader.integer('size', undefined, { min: 1, max: 10, fallback: 5 });
    reader.oneOf('mode', 'DEMO_MODE', ['quiet'] as const);
    readUser(reader);
    readCredentials(reader);
    reader.rejectUnknownKeys();
    expect(reader.issues.map((i) => i.path)).toEqual([
      'sources.demo.name', 'sources.demo.size', 'DEMO_MODE', 'LASTFM_USER', 'LASTFM_API_KEY', 'sources.demo.extra',
    ]);
    expect(reader.issues[1]?.message).toBe('must be a whole number from 1 to 10, got 2.5');
  });

  it('treats blank environment values as unset', () => {
    const reader = createOptionReader({ name: 'file' }, 'demo', { DEMO_NAME: '  ' });
    expect(reader.string('name', 'DEMO_NAME')).toBe('file');
  });
});
