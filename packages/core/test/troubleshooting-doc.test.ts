import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { ERROR_CODES } from '@harmoniq/core';

const doc = readFileSync(new URL('../../../docs/troubleshooting.md', import.meta.url), 'utf8');
const documented = [...doc.matchAll(/^## (e[a-z]+)$/gm)].map((m) => m[1]!.toUpperCase());

describe('docs/troubleshooting.md', () => {
  it('has a section for every error code', () => {
    expect(ERROR_CODES.filter((c) => !documented.includes(c))).toEqual([]);
  });
  it('documents no code that does not exist', () => {
    expect(documented.filter((c) => !(ERROR_CODES as string[]).includes(c))).toEqual([]);
  });
});
