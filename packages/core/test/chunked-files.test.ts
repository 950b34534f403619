import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTrackInterner } from '@harmoniq/core/pipeline';
import { jsonLineChunks } from '../src/fs/json-chunks.js';
import { writeChunkedFile } from '../src/fs/json-file.js';
import { readLines } from '../src/fs/read-lines.js';
import { LineTooLongError, readLinesSync } from '../src/fs/read-lines-sync.js';

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

describe('JSON lines made in pieces', () => {
  it('are one JSON.stringify per item and a newline, in pieces of many lines, for no items, a few and many', () => {
    const many = Array.from({ length: 2500 }, (_, i) => [`name ${i} "quoted" \n \u2028`, { words: [`w${i}`], empty: [] }]);
    const pieces = [...jsonLineChunks(many)];
    expect(pieces.join('')).toBe(many.map((item) => `${JSON.stringify(item)}\n`).join(''));
    expect(pieces.join('').split('\n').slice(0, -1).map((l) => JSON.parse(l) as unknown)).toEqual(many);
    expect(pieces.length).toBeGreaterThan(3);
    expect([...jsonLineChunks([])]).toEqual([]);
    expect([...jsonLineChunks(['a', 1, null])].join('')).toBe('"a"\n1\nnull\n');
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

describe('reading a file line by line, synchronously', () => {
  it('splits at newlines across chunk boundaries, keeps multi-byte characters whole, and gives a last line without its newline', () => {
    const path = join(newDir(), 'lines.txt');
    // Lines of 40 KB span the 64 KB reads; the 'é's put two-byte characters across the boundaries.
    const long = 'é'.repeat(20_000);
    const lines = ['', 'short', long, '月亮\u2028 after a line separator', long.slice(1), ...Array.from({ length: 5000 }, (_, i) => `line ${i}`), 'no newline at the end'];
    writeFileSync(path, lines.join('\n'));
    expect([...readLinesSync(path, 64 * 1024)]).toEqual(lines);
    writeFileSync(path, 'one\ntwo\n');
    expect([...readLinesSync(path, 64 * 1024)]).toEqual(['one', 'two']);
  });

  it('stops at a line longer than the limit, with its first bytes, without reading the rest of it', async () => {
    const path = join(newDir(), 'document.json');
    writeFileSync(path, `ok\n{"format":1,${'x'.repeat(300_000)}\nnever read\n`);
    const read: string[] = [];
    const reading = async () => {
      for (const line of readLinesSync(path, 1000)) read.push(line);
    };
    await expect(reading()).rejects.toBeInstanceOf(LineTooLongError);
    await expect(reading()).rejects.toMatchObject({ limit: 1000, start: expect.stringMatching(/^\{"format":1,x+$/) });
    expect(read).toEqual(['ok', 'ok']);
  });

  it('refuses a symbolic link and anything but a regular file, and says a missing file is missing', async () => {
    const dir = newDir();
    writeFileSync(join(dir, 'target'), 'secret\n');
    symlinkSync(join(dir, 'target'), join(dir, 'link'));
    const readAll = async (path: string) => [...readLinesSync(path, 100)];
    await expect(readAll(join(dir, 'link'))).rejects.toMatchObject({ code: 'ELOOP' });
    await expect(readAll(dir)).rejects.toMatchObject({ code: 'ENOTREG' });
    await expect(readAll(join(dir, 'none'))).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(readAll(join(dir, 'target'))).resolves.toEqual(['secret']);
  });
});
