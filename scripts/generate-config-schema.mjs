// Writes docs/harmoniq.schema.json (the config file's JSON Schema, for editor completion) from the zod schema in
// the built @harmoniq/core and the built-in sources' declared options. Run after `npm run build`:
// node scripts/generate-config-schema.mjs [--check]
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { configJsonSchema } from '@harmoniq/core/pipeline';
import { loadBuiltinSources } from '../packages/cli/dist/builtin-sources.js';

const target = fileURLToPath(new URL('../docs/harmoniq.schema.json', import.meta.url));
const fresh = `${JSON.stringify(configJsonSchema(await loadBuiltinSources()), null, 2)}\n`;

if (process.argv.includes('--check')) {
  let committed = '';
  try {
    committed = readFileSync(target, 'utf8');
  } catch {
    // a missing file is simply out of date
  }
  if (committed !== fresh) {
    console.error('docs/harmoniq.schema.json is out of date: run `node scripts/generate-config-schema.mjs`');
    process.exitCode = 1;
  } else {
    console.log('docs/harmoniq.schema.json is up to date');
  }
} else {
  writeFileSync(target, fresh);
  console.log(`wrote ${target}`);
}
