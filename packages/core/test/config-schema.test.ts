import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ENV_NAMES, configFileSchema } from '../src/config/index.js';
import { configJsonSchema } from '../src/sources/index.js';

const docs = (name: string) => fileURLToPath(new URL(`../../../docs/${name}`, import.meta.url));

describe('the config JSON Schema', () => {
  it('rejects unknown top-level keys so editors flag typos', () => {
    const schema = configJsonSchema();
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(schema.properties as object)).toEqual(Object.keys(configFileSchema.shape));
    expect(Object.keys(schema.properties as object)).not.toContain('lastfm');
  });
});

describe('docs/configuration.md', () => {
  const page = readFileSync(docs('configuration.md'), 'utf8');
  it.each(Object.values(ENV_NAMES))('documents %s', (name) => {
    expect(page).toContain(`\`${name}\``);
  });
  it.each(Object.keys(configFileSchema.shape).filter((k) => k !== '$schema'))('documents the %s key', (key) => {
    expect(page).toContain(`\`${key}`);
  });
});
