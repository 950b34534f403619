/**
 * The few HTML helpers the report needs. Every text that reaches the page passes `esc` (titles and names come
 * from Plex tags and web services: they may hold markup). Hand-written because it is five replacements; the
 * tests feed it hostile strings.
 */
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function esc(text: string | number | undefined): string {
  return String(text ?? '').replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/** A URL for an href: only relative paths and http(s)/file URLs, escaped; anything else becomes '#'. */
export function safeHref(url: string): string {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  return scheme === undefined || scheme === 'http' || scheme === 'https' || scheme === 'file' ? esc(url) : '#';
}

/** Only data: images we made ourselves (PNG/JPEG/SVG in base64) may be embedded. */
export function safeImageSrc(uri: string): string | undefined {
  return /^data:image\/(png|jpeg|svg\+xml);base64,[A-Za-z0-9+/=]+$/.test(uri) ? uri : undefined;
}

export const plural = (n: number, word: string, many = `${word}s`) => `${n} ${n === 1 ? word : many}`;
