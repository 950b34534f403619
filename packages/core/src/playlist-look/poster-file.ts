/** What `PLAYLIST_POSTER_FILE` must hold: a PNG or JPEG Plex can show. */
export type ImageType = 'image/png' | 'image/jpeg';

/** The image type by its first bytes, or undefined when it is neither PNG nor JPEG. */
export function imageTypeOf(bytes: Uint8Array): ImageType | undefined {
  if (bytes.length >= 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return 'image/png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  return undefined;
}
