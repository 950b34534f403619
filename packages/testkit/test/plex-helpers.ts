import type { PlexEmulator } from '../src/index.js';

/** Plain fetch against the emulator, as a client would do it: JSON, token header. */
export async function getJson(plex: PlexEmulator, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<{ status: number; headers: Headers; body: PlexBody; text: string }> {
  const res = await fetch(plex.url + path, { method, headers: { Accept: 'application/json', 'X-Plex-Token': plex.token, ...headers } });
  const text = await res.text();
  const isJson = res.headers.get('content-type')?.includes('application/json') ?? false;
  return { status: res.status, headers: res.headers, text, body: (isJson ? JSON.parse(text) : { MediaContainer: { size: 0 } }) as PlexBody };
}

export async function send(plex: PlexEmulator, method: string, path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Headers; text: string }> {
  const res = await fetch(plex.url + path, { method, headers: { Accept: 'application/json', 'X-Plex-Token': plex.token, ...headers } });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

export interface PlexItem {
  [key: string]: unknown;
  ratingKey: string;
  title: string;
}

export interface PlexBody {
  MediaContainer: {
    [key: string]: unknown;
    size: number;
    totalSize?: number;
    offset?: number;
    Metadata?: PlexItem[];
    Directory?: Record<string, unknown>[];
  };
}

export function titles(body: PlexBody): string[] {
  return (body.MediaContainer.Metadata ?? []).map((m) => m.title);
}
