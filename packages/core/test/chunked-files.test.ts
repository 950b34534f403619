import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTrackInterner } from '@harmoniq/core/pipeline';
import { jsonObjectChunks } from '../src/fs/json-chunks.js';
import { writeChunkedFile } from '../src/fs/json-file.js';
import { readLines } from '../src/fs/read-lines.js';

const newDir = () => mkdtempSync(join(tmpdir(), 'harmoniq-chunked-'));

async function all(lines: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const line of lines) out.push(line);
  return out;
}

describe('a file written a chunk at a time', () => {
  it('holds every chunk in order, strings as UTF-8 and bytes as they are', async () => {
    const path = join(newDir(), 'cache', 'index.json');
    await writeChunkedFile(path, ['first line\n', Buffer.from('ünïcödé\n', 'utf8'), 'last']);
    expect(readFileSync(path, 'utf8')).toBe('first line\nünïcödé\nlast');
  });

  it('that fails part-way leaves the old file whole and no temporary file behind', async () => {
    const dir = newDir();
    const path = join(dir, 'index.json');
    writeFileSync(path, 'the old index\n');
    async function* failing(): AsyncGenerator<string> {
      yield 'a new line\n';
      throw Object.assign(new Error('no space'), { code: 'ENOSPC' });
    }
    await expect(writeChunkedFile(path, failing())).rejects.toMatchObject({ code: 'EDATADIR', message: expect.stringContaining('the disk is full') });
    expect(readFileSync(path, 'utf8')).toBe('the old index\n');
    expect(readdirSync(dir)).toEqual(['index.json']);
  });
});

describe('a JSON document made in pieces', () => {
  it('is the text JSON.stringify makes of the whole, for empty, short and many-batch arrays', () => {
    const many = new Map(Array.from({ length: 2500 }, (_, i) => [`name ${i} "quoted" \u2028`, { words: [`w${i}`], empty: [] }] as const));
    const pieces = [...jsonObjectChunks({ format: 1, fingerprint: '1:abc' }, [['artists', many], ['titles', []], ['albums', [['21', { key: 'x' }]]]])];
    const whole = { format: 1, fingerprint: '1:abc', artists: [...many], titles: [], albums: [['21', { key: 'x' }]] };
    expect(pieces.join('')).toBe(JSON.stringify(whole));
    expect(pieces.length).toBeGreaterThan(3);
    expect([...jsonObjectChunks({}, [['only', [1, 2]]])].join('')).toBe('{"only":[1,2]}');
  });
});

describe('reading a file line by line', () => {
  it('splits at newlines across chunk boundaries, keeps multi-byte characters whole, and gives a last line without its newline', async () => {
    const path = join(newDir(), 'lines.txt');
    // A 3 MB line spans several 1 MB chunks; the 'é's put two-byte characters across the boundaries.
    const long = 'é'.repeat(1_500_000);
    const lines = ['', 'short', long, '月亮\u2028 after a line separator', long.slice(1), 'no newline at the end'];
    writeFileSync(path, lines.join('\n'));
    expect(await all(readLines(path))).toEqual(lines);
  });

  it('ends without a line for a final newline', async () => {
    const path = join(newDir(), 'lines.txt');
    writeFileSync(path, 'a\nb\n');
    expect(await all(readLines(path))).toEqual(['a', 'b']);
  });
});

describe('the interner a listing shares names with', () => {
  it('gives one frozen list for equal genre lists, keeps lists with other boundaries apart, and nothing for none', () => {
    const intern = createTrackInterner();
    const rock = intern.list(['Rock', 'Indie']);
    expect(intern.list(['Rock', 'Indie'])).toBe(rock);
    expect(Object.isFrozen(rock)).toBe(true);
    expect(intern.list(['Rock,Indie'])).toEqual(['Rock,Indie']);
    expect(intern.list(['Rock,Indie'])).not.toBe(rock);
    expect(intern.list(['Indie', 'Rock'])).not.toBe(rock);
    expect(intern.list([])).toBeUndefined();
    expect(intern.list(undefined)).toBeUndefined();
    expect(intern.name('Air')).toBe('Air');
  });
});
