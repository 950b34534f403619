import { describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { BIN, runCli, tempDir } from './cli-harness.js';

describe('harmoniq demo', () => {
  it('prints no path of the scratch folder it removes, and names the setting instead', async () => {
    const r = await runCli(['demo'], { TIMEZONE: 'UTC' }, tempDir());
    expect(r.code).toBe(0);
    const all = r.stdout + r.stderr;
    expect(all).not.toMatch(/harmoniq-demo-\w+/);
    expect(all).not.toContain('Data directory');
    expect(r.stderr).toContain('$HARMONIQ_DATA_DIR/missing-tracks.json');
    expect(r.stdout).toContain('Last.fm Discovery (25 tracks)');
    expect(r.stdout).toContain('harmoniq demo --serve');
  }, 60_000);
});

describe('harmoniq demo --serve (the playground)', () => {
  it('keeps the emulators running, prints the environment for them, and stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, [BIN, 'demo', '--serve'], { env: { PATH: process.env.PATH, TIMEZONE: 'UTC' } });
    let out = '';
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('removed when the playground stops')) resolve();
      });
      child.on('close', () => reject(new Error(`demo --serve ended early: ${err}`)));
    });
    const env = Object.fromEntries([...out.matchAll(/^export (\w+)=(.*)$/gm)].map((m) => [m[1]!, m[2]!.replace(/^'(.*)'$/, '$1')]));
    expect(Object.keys(env)).toEqual(expect.arrayContaining(['PLEX_URL', 'PLEX_TOKEN', 'LASTFM_API_KEY', 'HARMONIQ_DATA_DIR', 'ENABLE_LASTFM_CHARTS']));

    // What a user does in the other terminal: every command works against the playground.
    const sources = await runCli(['sources'], env, tempDir());
    expect(sources.stdout).not.toContain('✗');
    const sync = await runCli(['sync'], env, tempDir());
    expect(sync.code).toBe(0);
    expect(sync.stdout).toContain('4 of 4 sources ok');
    const doctor = await runCli(['doctor'], env, tempDir());
    expect(doctor.code).toBe(0);

    child.kill('SIGTERM');
    expect(await closed).toBe(0);
    expect(existsSync(env.HARMONIQ_DATA_DIR!)).toBe(false);
  }, 90_000);
});
