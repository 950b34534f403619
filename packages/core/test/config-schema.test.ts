import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ENV_NAMES, FOLDED_ENV, configFileSchema, configJsonSchema } from '../src/config/index.js';

const docs = (name: string) => fileURLToPath(new URL(`../../../docs/${name}`, import.meta.url));

describe('the config JSON Schema', () => {
  it('committed in docs/harmoniq.schema.json matches the zod schema (run scripts/generate-config-schema.mjs)', () => {
    const committed: unknown = JSON.parse(readFileSync(docs('harmoniq.schema.json'), 'utf8'));
    expect(committed).toEqual(configJsonSchema());
  });

  it('rejects unknown top-level keys so editors flag typos', () => {
    const schema = configJsonSchema();
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(schema.properties as object)).toEqual(Object.keys(configFileSchema.shape));
  });
});

describe('docs/configuration.md', () => {
  const page = readFileSync(docs('configuration.md'), 'utf8');
  it.each([...Object.values(ENV_NAMES), ...FOLDED_ENV.map((f) => f.env)])('documents %s', (name) => {
    expect(page).toContain(`\`${name}\``);
  });
  it.each(Object.keys(configFileSchema.shape).filter((k) => k !== '$schema'))('documents the %s key', (key) => {
    expect(page).toContain(`\`${key}`);
  });
});
