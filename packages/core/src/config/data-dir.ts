/** Where Harmoniq keeps state, caches and reports when HARMONIQ_DATA_DIR and dataDir are not set. */
import { homedir } from 'node:os';
import { posix, win32 } from 'node:path';
import type { Env } from '../contract.js';

const nonEmpty = (v: string | undefined): string | undefined => (v && v.trim() !== '' ? v.trim() : undefined);

export function resolveHomeDir(env: Env, homeDir?: string): string {
  return homeDir ?? nonEmpty(env.HOME) ?? nonEmpty(env.USERPROFILE) ?? homedir();
}

/**
 * The platform's convention for per-user application data: XDG on Linux and other Unixes, Application Support
 * on macOS, %LOCALAPPDATA% on Windows.
 */
export function defaultDataDir(platform: NodeJS.Platform, env: Env, home: string): string {
  if (platform === 'win32') {
    const base = nonEmpty(env.LOCALAPPDATA) ?? win32.join(home, 'AppData', 'Local');
    return win32.join(base, 'harmoniq');
  }
  if (platform === 'darwin') return posix.join(home, 'Library', 'Application Support', 'harmoniq');
  // XDG says a relative XDG_DATA_HOME is invalid and must be ignored.
  const xdg = nonEmpty(env.XDG_DATA_HOME);
  const base = xdg && posix.isAbsolute(xdg) ? xdg : posix.join(home, '.local', 'share');
  return posix.join(base, 'harmoniq');
}
