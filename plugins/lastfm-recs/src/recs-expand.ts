import { artistKey, type LastfmClient } from '@harmoniq/lastfm';
import type { Degrader } from './degrade.js';
import type { Contribution, Seed } from './recs-rank.js';
import type { RecsSeeds } from './recs-seeds.js';
import { rankWeight } from './recs-seeds.js';

/** Similar artists asked for per seed artist, and similar tracks per seed track. */
const SIMILAR_ARTISTS = 20;
const SIMILAR_TRACKS = 30;
/** How many of the most-pointed-at similar artists get their top tracks fetched. */
const EXPANDED_ARTISTS = 20;
const TOP_TRACKS_PER_ARTIST = 10;
/** An artist's hit is a looser recommendation than a track Last.fm calls similar to a seed track. */
const ARTIST_ROUTE = 0.8;

interface SimilarArtist {
  name: string;
  score: number;
  pointers: Map<Seed, number>;
}

/**
 * Expansion, bounded so a run stays within about 5 + seeds×2 + 20 requests (the in-run cache removes
 * repeats): artist.getSimilar per seed artist, track.getSimilar per seed track, then
 * artist.getTopTracks of the similar artists most seeds point at.
 */
export async function expandSeeds(client: LastfmClient, seeds: RecsSeeds, degrader: Degrader): Promise<Contribution[]> {
  const seedArtistKeys = new Set(seeds.artists.map((s) => artistKey(s.artist.name)));
  const [artistLists, trackLists] = await Promise.all([
    Promise.all(seeds.artists.map((s) => degrader.attempt(`similar artists of ${s.label}`, () => client.artistSimilar(s.artist.name, { limit: SIMILAR_ARTISTS })))),
    Promise.all(seeds.tracks.map((s) => degrader.attempt(`similar tracks of ${s.label}`, () => client.trackSimilar(s.track.artist, s.track.title, { limit: SIMILAR_TRACKS })))),
  ]);

  const contributions: Contribution[] = [];
  seeds.tracks.forEach((seed, i) => {
    for (const track of trackLists[i] ?? []) contributions.push({ seed, track, strength: seed.weight * (track.match ?? 0.5) });
  });

  const similar = new Map<string, SimilarArtist>();
  seeds.artists.forEach((seed, i) => {
    for (const artist of artistLists[i] ?? []) {
      const key = artistKey(artist.name);
      // The user knows their own top artists; expanding them again would be repetition, not discovery.
      if (seedArtistKeys.has(key)) continue;
      const strength = seed.weight * (artist.match ?? 0.5);
      const entry = similar.get(key) ?? { name: artist.name, score: 0, pointers: new Map<Seed, number>() };
      entry.score += strength;
      entry.pointers.set(seed, (entry.pointers.get(seed) ?? 0) + strength);
      similar.set(key, entry);
    }
  });

  const chosen = [...similar.values()].sort((a, b) => b.score - a.score || a.name.localeCompare(b.name)).slice(0, EXPANDED_ARTISTS);
  const topLists = await Promise.all(
    chosen.map((a) => degrader.attempt(`top tracks of ${a.name}`, () => client.artistTopTracks(a.name, { limit: TOP_TRACKS_PER_ARTIST }))),
  );
  chosen.forEach((artist, i) => {
    const tracks = topLists[i] ?? [];
    tracks.forEach((track, rank) => {
      const position = rankWeight(rank, tracks.length);
      for (const [seed, strength] of artist.pointers) contributions.push({ seed, track, strength: strength * ARTIST_ROUTE * position });
    });
  });
  return contributions;
}
