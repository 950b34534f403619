import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Env } from '../src/contract.js';
import { loadConfig, redactConfig, type HarmoniqConfig } from '../src/config/index.js';

const SECRETS = {
  plexToken: 'plexTOKEN-file-0001',
  lastfmKey: 'lastfmKEY-file-0002',
  lbToken: 'lbTOKEN-file-0003',
  webhook: 'https://discord.example/api/webhooks/123/hookSECRET-0004',
  sourceKey: 'sourceKEY-file-0005',
  customToken: 'customTOKEN-file-0006',
  envSecret: 'envSECRET-0007',
  envToken: 'envLBTOKEN-0008',
};

async function configWith(yaml: string, env: Env = {}, overrides = {}): Promise<HarmoniqConfig> {
  const root = mkdtempSync(join(tmpdir(), 'harmoniq-redact-'));
  writeFileSync(join(root, 'harmoniq.config.yaml'), yaml, { mode: 0o600 });
  const result = await loadConfig({ cwd: root, env, homeDir: root, platform: 'linux', overrides });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.config;
}

const yaml = [
  'plex:',
  `  token: ${SECRETS.plexToken}`,
  '  library: Tunes',
  'lastfm:',
  `  apiKey: ${SECRETS.lastfmKey}`,
  '  user: rj',
  'listenbrainz:',
  `  token: ${SECRETS.lbToken}`,
  'notify:',
  `  webhookUrl: ${SECRETS.webhook}`,
  'sources:',
  '  my-source:',
  `    apiKey: ${SECRETS.sourceKey}`,
  '    size: 10',
  'custom:',
  '  - name: mine',
  `    token: ${SECRETS.customToken}`,
  'logLevel: warn',
].join('\n');

describe('redactConfig', () => {
  it('leaves no secret value anywhere in the output', async () => {
    const env = { PLEX_URL: 'http://plex.lan:32400', LASTFM_API_SECRET: SECRETS.envSecret, LISTENBRAINZ_USER_TOKEN: SECRETS.envToken };
    const out = JSON.stringify(redactConfig(await configWith(yaml, env), { envNames: ['LASTFM_API_SECRET'] }));
    for (const secret of Object.values(SECRETS)) expect(out).not.toContain(secret);
    expect(out).not.toContain('hookSECRET');
    expect(out).toContain('[redacted]');
  });

  it('hides a secret even where it was pasted into a field that is not secret', async () => {
    const config = await configWith(`plex:\n  token: ${SECRETS.plexToken}\n  library: ${SECRETS.plexToken}\n`);
    expect(JSON.stringify(redactConfig(config))).not.toContain(SECRETS.plexToken);
  });

  it('shows each top-level setting with where it came from', async () => {
    const config = await configWith(yaml, { PLEX_URL: 'http://plex.lan:32400/', MIN_TRACKS: '3' }, { logFormat: 'json' });
    const out = redactConfig(config);
    expect(out).toMatchObject({
      configFile: config.configFile,
      baseDir: config.baseDir,
      plex: {
        url: { value: 'http://plex.lan:32400', from: 'env' },
        token: { value: '[redacted]', from: 'file' },
        library: { value: 'Tunes', from: 'file' },
        pageSize: { value: 1000, from: 'default' },
      },
      logLevel: { value: 'warn', from: 'file' },
      logFormat: { value: 'json', from: 'flag' },
      minTracks: { value: 3, from: 'env' },
      schedule: { intervalMinutes: { value: null, from: 'unset' }, runOnStart: { value: true, from: 'default' } },
      notify: { webhookUrl: '[redacted]', on: 'failure' },
      sources: { 'my-source': { apiKey: '[redacted]', size: 10 } },
    });
  });

  it('shows the environment Harmoniq and its sources read (named by them), secrets masked', async () => {
    const env = { PATH: '/usr/bin', ENABLE_LASTFM_CHARTS: 'true', LASTFM_API_KEY: 'env-key-0003', LASTFM_USER: 'rj', PLEX_TOKEN: 'plex-token-0004' };
    const out = redactConfig(await configWith(yaml, env), { envNames: ['LASTFM_API_KEY', 'LASTFM_USER'] });
    expect(out.env).toEqual({
      ENABLE_LASTFM_CHARTS: 'true',
      LASTFM_API_KEY: '[redacted]',
      LASTFM_USER: 'rj',
      PLEX_TOKEN: '[redacted]',
    });
  });

  it('marks an unset secret as unset rather than redacted', async () => {
    const out = redactConfig(await configWith('logLevel: info\n')) as { plex: { token: unknown } };
    expect(out.plex.token).toEqual({ value: null, from: 'unset' });
  });
});
