import { describe, expect, it } from '@jest/globals';
import { generateLibrary, sampleLibrary } from '../src/index.js';

describe('sample and generated Plex libraries', () => {
  it('sampleLibrary has a few hundred tracks and is the same on every call', () => {
    const a = sampleLibrary();
    expect(a.length).toBeGreaterThanOrEqual(280);
    expect(a.length).toBeLessThanOrEqual(500);
    expect(sampleLibrary()).toEqual(a);
  });

  it('sampleLibrary covers the genres the sources ask for, at track, album and artist level', () => {
    const lib = sampleLibrary();
    for (const g of ['Chillout', 'Acoustic', 'Pop', 'Rock', 'Electronic', 'Dance', 'Ambient', 'Hip-Hop', 'R&B', 'Jazz']) {
      expect(lib.some((t) => t.genres?.includes(g))).toBe(true);
      expect(lib.some((t) => t.albumGenres?.includes(g))).toBe(true);
      expect(lib.some((t) => t.artistGenres?.includes(g))).toBe(true);
    }
  });

  it('sampleLibrary contains the matching traps', () => {
    const lib = sampleLibrary();
    const has = (p: (t: (typeof lib)[number]) => boolean): boolean => lib.some(p);
    expect(has((t) => t.artist === 'Various Artists' && t.trackArtist === 'Louis Armstrong')).toBe(true);
    expect(lib.filter((t) => t.artist === 'Queen' && t.title === 'Bohemian Rhapsody').map((t) => t.album).sort()).toEqual(['A Night at the Opera', 'Live Killers']);
    expect(has((t) => /Remix/.test(t.title))).toBe(true);
    expect(has((t) => /\(feat\. /.test(t.title))).toBe(true);
    expect(has((t) => t.title.includes('’'))).toBe(true);
    expect(has((t) => t.artist === 'Beyoncé')).toBe(true);
    expect(has((t) => t.artist === 'Sigur Rós')).toBe(true);
    expect(has((t) => /[\u3040-\u30ff\u4e00-\u9fff]/.test(t.title))).toBe(true);
    expect(has((t) => / - Remaster/.test(t.title))).toBe(true);
    expect(has((t) => t.title.endsWith('Pt. 1')) && has((t) => t.title.endsWith('Pt. 2'))).toBe(true);
    expect(has((t) => (t.disc ?? 1) === 2)).toBe(true);
    expect(has((t) => (t.viewCount ?? 0) === 0) && has((t) => (t.viewCount ?? 0) > 30)).toBe(true);
    expect(has((t) => t.userRating === 10) && has((t) => t.lastViewedAt !== undefined) && has((t) => t.mbid !== undefined)).toBe(true);
  });

  it('generateLibrary is deterministic for a seed and differs between seeds', () => {
    const a = generateLibrary({ tracks: 2000, seed: 7 });
    expect(a).toHaveLength(2000);
    expect(generateLibrary({ tracks: 2000, seed: 7 })).toEqual(a);
    expect(generateLibrary({ tracks: 2000, seed: 8 })).not.toEqual(a);
  });

  it('generateLibrary produces compilations, live albums, remasters, features and three genre levels', () => {
    const lib = generateLibrary({ tracks: 5000, seed: 1 });
    expect(lib.some((t) => t.artist === 'Various Artists' && t.trackArtist)).toBe(true);
    expect(lib.some((t) => t.album.startsWith('Live at'))).toBe(true);
    expect(lib.some((t) => / - Remastered \d{4}$/.test(t.title))).toBe(true);
    expect(lib.some((t) => t.title.includes('(feat. '))).toBe(true);
    expect(lib.some((t) => /[éöøóñåë]/.test(t.artist))).toBe(true);
    expect(lib.some((t) => t.genres?.length) && lib.some((t) => t.albumGenres?.length) && lib.some((t) => t.artistGenres?.length)).toBe(true);
    const albumsPerArtist = new Map<string, Set<string>>();
    for (const t of lib) albumsPerArtist.set(t.artist, (albumsPerArtist.get(t.artist) ?? new Set()).add(t.album));
    expect(Math.max(...[...albumsPerArtist.values()].map((s) => s.size))).toBeGreaterThanOrEqual(5);
  });
});
