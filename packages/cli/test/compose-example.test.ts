import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '@harmoniq/core/pipeline';
import { tempDir } from './cli-harness.js';

/** docker-compose.example.yml tells Docker users each setting's default: it must be the one Harmoniq applies. */
const compose = readFileSync(fileURLToPath(new URL('../../../docker-compose.example.yml', import.meta.url)), 'utf8');

function documentedDefault(name: string): number {
  const line = compose.split('\n').find((l) => l.trimStart().startsWith(`${name}:`));
  const value = line && /Default (\d+)\./.exec(line)?.[1];
  if (!value) throw new Error(`docker-compose.example.yml documents no default for ${name}`);
  return Number(value);
}

describe('docker-compose.example.yml', () => {
  it('states the Plex paging and timeout defaults that the configuration applies', async () => {
    const loaded = await loadConfig({ cwd: tempDir(), env: { HARMONIQ_DATA_DIR: tempDir() } });
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
    expect(documentedDefault('PLEX_PAGE_SIZE')).toBe(loaded.config.plex.pageSize);
    expect(documentedDefault('PLEX_TIMEOUT_MS')).toBe(loaded.config.plex.timeoutMs);
  });
});
