import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeTextFile } from '@harmoniq/core/pipeline';

/**
 * X-Plex-Client-Identifier for plex.tv: one stable id per installation (per data dir), made once. When the file
 * cannot be written the id still works for this run; plex.tv then sees a new device next time, nothing worse.
 */
export async function installId(dataDir: string): Promise<string> {
  const path = join(dataDir, 'install-id');
  try {
    const text = (await readFile(path, 'utf8')).trim();
    if (/^harmoniq-[0-9a-f-]{36}$/.test(text)) return text;
  } catch {
    // made below
  }
  const id = `harmoniq-${randomUUID()}`;
  try {
    await writeTextFile(path, `${id}\n`);
  } catch {
    // see above
  }
  return id;
}
