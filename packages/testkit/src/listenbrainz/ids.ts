import { createHash } from 'node:crypto';

const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

/** Python's uuid.UUID() accepts hex with or without hyphens; ListenBrainz's is_valid_uuid uses it. */
export function isValidUuid(text: string): boolean {
  return UUID.test(text.trim());
}

/** The canonical (lower-case, hyphenated) form of a valid UUID. */
export function canonicalUuid(text: string): string {
  const hex = text.trim().replace(/-/g, '').toLowerCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** A stable version-4-shaped UUID derived from text, so fixtures get the same MBIDs every run. */
export function uuidFrom(text: string): string {
  const hex = createHash('sha1').update(text).digest('hex');
  const variant = ((parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
