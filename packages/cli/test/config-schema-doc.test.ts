import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { configJsonSchema, optionHelp } from '@harmoniq/core/pipeline';
import { loadBuiltinSources } from '../src/builtin-sources.js';

const docs = (name: string) => fileURLToPath(new URL(`../../../docs/${name}`, import.meta.url));

describe('docs derived from the declared options', () => {
  it('docs/harmoniq.schema.json is the core schema plus the built-in sources (run scripts/generate-config-schema.mjs)', async () => {
    const committed: unknown = JSON.parse(readFileSync(docs('harmoniq.schema.json'), 'utf8'));
    expect(committed).toEqual(configJsonSchema(await loadBuiltinSources()));
  });

  it('the schema knows each plugin-owned section and each source section, and refuses unknown keys in them', async () => {
    const schema = configJsonSchema(await loadBuiltinSources()) as { properties: Record<string, { properties?: Record<string, { properties?: object; additionalProperties?: unknown }>; additionalProperties?: unknown }> };
    expect(Object.keys(schema.properties.lastfm?.properties ?? {})).toEqual(expect.arrayContaining(['apiKey', 'apiUrl', 'user']));
    expect(Object.keys(schema.properties.listenbrainz?.properties ?? {})).toEqual(expect.arrayContaining(['token', 'user', 'apiUrl']));
    const charts = schema.properties.sources?.properties?.['lastfm-charts'];
    expect(charts?.additionalProperties).toBe(false);
    expect(Object.keys(charts?.properties ?? {})).toEqual(expect.arrayContaining(['enabled', 'playlist', 'size', 'chart', 'country', 'tag']));
  });

  it('every declared environment variable is documented in docs/configuration.md or the source page', async () => {
    const pages = ['configuration.md', 'sources/lastfm-charts.md', 'sources/lastfm-recs.md', 'sources/daily-flow.md', 'sources/listenbrainz.md', 'sources/sonic-mix.md']
      .map((p) => { try { return readFileSync(docs(p), 'utf8'); } catch { return ''; } })
      .join('\n');
    const names = (await loadBuiltinSources()).flatMap((s) => optionHelp(s).flatMap((o) => (o.env ? [o.env] : [])));
    expect(names.filter((n) => !pages.includes(n))).toEqual([]);
  });
});
