import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { ERROR_CODES } from '@harmoniq/core';
import { registeredErrorCodes } from '@harmoniq/core/pipeline';
import { customSources } from '@harmoniq/plugin-custom';
import { loadBuiltinSources } from '../src/builtin-sources.js';

const doc = readFileSync(new URL('../../../docs/troubleshooting.md', import.meta.url), 'utf8');
const documented = [...doc.matchAll(/^## (e[a-z0-9]+)$/gm)].map((m) => m[1]!.toUpperCase());

/** The core's codes, then those the built-in plugins register through the contract (ELASTFM…, ELB…, ECUSTOMFILE). */
async function knownCodes(): Promise<{ core: string[]; plugins: string[] }> {
  const sources = [...(await loadBuiltinSources()), ...customSources({ env: { CUSTOM_1_FILE: 'list.csv' }, cwd: '/' })];
  const { codes, clashes } = registeredErrorCodes(sources);
  expect(clashes).toEqual([]);
  return { core: [...ERROR_CODES], plugins: codes.map((c) => c.code) };
}

describe('docs/troubleshooting.md', () => {
  it('has a section for every error code, the core\'s and each built-in plugin\'s', async () => {
    const { core, plugins } = await knownCodes();
    expect(plugins).toEqual(expect.arrayContaining(['ELASTFMKEY', 'ELASTFM', 'ELBTOKEN', 'ELB', 'ECUSTOMFILE']));
    expect([...core, ...plugins].filter((c) => !documented.includes(c))).toEqual([]);
  });

  it('documents no code that does not exist', async () => {
    const { core, plugins } = await knownCodes();
    expect(documented.filter((c) => ![...core, ...plugins].includes(c))).toEqual([]);
  });
});
