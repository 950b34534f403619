import { describe, expect, it } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PlexEmulator } from '@harmoniq/testkit';
import { runCli, spawnCli, useChartWorld } from './cli-harness.js';

/**
 * The cover renderer is an optional native binary (@napi-rs/canvas). Where it is missing (`npm install
 * --omit=optional`, an unusual platform), `doctor` says so with the fix and a sync still writes its playlists.
 * The missing binary is real to the spawned CLI: a module hook makes `@napi-rs/canvas` unresolvable, as when npm
 * left it out.
 */
let plex: PlexEmulator;
let dataDir: string;
let env: Record<string, string>;

useChartWorld('harmoniq-renderer-', (world, fresh) => {
  ({ plex } = world);
  ({ dataDir, env } = fresh);
});

function withoutCanvas(): Record<string, string> {
  const hooks = join(dataDir, 'no-canvas-hooks.mjs');
  writeFileSync(
    hooks,
    `export async function resolve(specifier, context, next) {
  if (specifier === '@napi-rs/canvas') throw Object.assign(new Error("Cannot find package '@napi-rs/canvas'"), { code: 'ERR_MODULE_NOT_FOUND' });
  return next(specifier, context);
}
`,
  );
  const register = join(dataDir, 'no-canvas.mjs');
  writeFileSync(register, `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`);
  return { ...env, NODE_OPTIONS: `--import=${pathToFileURL(register).href}` };
}

describe('the cover renderer', () => {
  it('doctor draws one cover for the sources that generate them', async () => {
    const r = await runCli(['doctor'], env, dataDir);
    expect(r.stdout).toMatch(/Playlist covers\n {2}✓ generated for lastfm-charts: draws 800×800 JPEG covers/);
    expect(r.code).toBe(0);
  });

  it('doctor skips the check when no enabled source generates covers', async () => {
    const r = await runCli(['doctor'], { ...env, PLAYLIST_POSTER: 'none' }, dataDir);
    expect(r.stdout).not.toContain('Playlist covers');
    expect(r.code).toBe(0);
  });

  it('missing: doctor fails the check with the fix; a sync writes the playlist and warns with the same fix', async () => {
    const blocked = withoutCanvas();
    const doctor = await spawnCli(['doctor'], blocked, dataDir);
    expect(doctor.stdout).toMatch(/✗ generated for lastfm-charts: the cover renderer could not load on \S+ \(Cannot find package '@napi-rs\/canvas'\)/);
    expect(doctor.stdout).toContain('reinstall Harmoniq without --omit=optional, or set PLAYLIST_POSTER=none');
    expect(doctor.stdout).toContain('Some checks failed');
    expect(doctor.code).toBe(1);

    const sync = await spawnCli(['sync', 'lastfm-charts'], blocked, dataDir);
    expect(sync.code).toBe(0);
    expect(plex.playlist('Global Top 50')?.items.length).toBeGreaterThan(0);
    expect(plex.requests.filter((q) => q.method === 'POST' && q.path.endsWith('/posters'))).toHaveLength(0);
    expect(sync.stderr + sync.stdout).toMatch(/The cover of 'Global Top 50' was not set: the cover renderer could not load .* set PLAYLIST_POSTER=none/);
  });
});
