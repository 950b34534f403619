import { describe, expect, it } from '@jest/globals';
import { type LibraryTrack } from '@harmoniq/core';
import { createMatcher, type MatchCandidate } from '@harmoniq/core/pipeline';

type Lib = Omit<LibraryTrack, 'ratingKey'> & { ratingKey?: string };

function library(...tracks: Lib[]): LibraryTrack[] {
  return tracks.map((t, i) => ({ ratingKey: t.ratingKey ?? `k${i + 1}`, ...t }));
}

function matchIn(tracks: Lib[], candidate: MatchCandidate): string | undefined {
  const result = createMatcher(library(...tracks)).match(candidate);
  return result.status === 'matched' ? result.track.ratingKey : undefined;
}

interface Case {
  name: string;
  lib: Lib[];
  q: MatchCandidate;
  /** ratingKey expected, or undefined for a miss. */
  want: string | undefined;
}

const same: Case[] = [
  { name: 'a service duration 42 s off (another release) does not veto an exact match', lib: [{ artist: 'Radiohead', title: 'Creep', durationMs: 238_000 }], q: { artist: 'Radiohead', title: 'Creep', durationMs: 280_000 }, want: 'k1' },
  { name: 'case only', lib: [{ artist: 'Little Big Town', title: 'Silver And Gold' }], q: { artist: 'little big town', title: 'silver and gold' }, want: 'k1' },
  { name: 'accents', lib: [{ artist: 'Beyoncé', title: 'Halo' }], q: { artist: 'Beyonce', title: 'Halo' }, want: 'k1' },
  { name: 'curly apostrophe', lib: [{ artist: 'Queen', title: "Don't Stop Me Now" }], q: { artist: 'Queen', title: 'Don\u2019t Stop Me Now' }, want: 'k1' },
  { name: 'en dash', lib: [{ artist: 'Biig Piig', title: '9-5' }], q: { artist: 'Biig Piig', title: '9\u20135' }, want: 'k1' },
  { name: 'ampersand vs and', lib: [{ artist: 'Selena Gomez', title: 'Come and Get It' }], q: { artist: 'Selena Gomez', title: 'Come & Get It' }, want: 'k1' },
  { name: 'leading The', lib: [{ artist: 'Beatles, The', title: 'Help!' }], q: { artist: 'The Beatles', title: 'Help!' }, want: 'k1' },
  { name: 'remaster dash suffix', lib: [{ artist: 'The Beatles', title: 'Here Comes the Sun' }], q: { artist: 'The Beatles', title: 'Here Comes the Sun - Remastered 2009' }, want: 'k1' },
  { name: 'remaster in library brackets', lib: [{ artist: 'Derek & The Dominos', title: 'Layla (2011 Remaster)' }], q: { artist: 'Derek and the Dominos', title: 'Layla' }, want: 'k1' },
  { name: 'explicit tag', lib: [{ artist: 'Drake', title: '6PM In New York [Explicit]' }], q: { artist: 'Drake', title: '6PM In New York' }, want: 'k1' },
  { name: 'album version edited', lib: [{ artist: 'The Weeknd', title: 'Gone (Album Version (Edited)) [Clean]' }], q: { artist: 'The Weeknd', title: 'Gone' }, want: 'k1' },
  { name: 'soundtrack suffix', lib: [{ artist: 'Greyson Chance', title: 'Friend Of Mine' }], q: { artist: 'Greyson Chance', title: 'Friend Of Mine - from the Smurfs Movie Soundtrack' }, want: 'k1' },
  { name: 'track-number prefix', lib: [{ artist: 'Novo Amor', title: 'Emigrate' }], q: { artist: 'Novo Amor', title: '07 - Emigrate' }, want: 'k1' },
  { name: 'artist in an upload title', lib: [{ artist: 'Novo Amor', title: 'Emigrate' }], q: { artist: 'Unknown artist', title: 'Novo Amor - Emigrate (Official Music Video)' }, want: 'k1' },
  { name: 'feat. in artist vs title', lib: [{ artist: 'Calvin Harris feat. Rihanna', title: 'This Is What You Came For' }], q: { artist: 'Calvin Harris', title: 'This Is What You Came For (feat. Rihanna)' }, want: 'k1' },
  { name: 'feat. in title vs artist', lib: [{ artist: 'Childish Gambino', title: 'Time (feat. Ariana Grande)' }], q: { artist: 'Childish Gambino & Ariana Grande', title: 'Time' }, want: 'k1' },
  { name: 'feature only in the library', lib: [{ artist: 'Hiatus Kaiyote', title: 'Nakamarra (feat. Q-Tip)' }], q: { artist: 'Hiatus Kaiyote', title: 'Nakamarra' }, want: 'k1' },
  { name: '"A & B" credited to A', lib: [{ artist: 'Skrillex', title: 'Lick It' }], q: { artist: 'Kaskade & Skrillex', title: 'Lick It' }, want: 'k1' },
  { name: '"A, B" credited to A', lib: [{ artist: 'Metro Boomin', title: 'Hummingbird' }], q: { artist: 'Metro Boomin, James Blake', title: 'Hummingbird' }, want: 'k1' },
  { name: '"A x B" credited to A', lib: [{ artist: 'Kaskade', title: 'Lick It' }], q: { artist: 'Kaskade x Skrillex', title: 'Lick It' }, want: 'k1' },
  { name: 'library lists more artists', lib: [{ artist: 'Metro Boomin, Future & Lil Uzi Vert', title: 'All the Way Live' }], q: { artist: 'Metro Boomin', title: 'All the Way Live' }, want: 'k1' },
  { name: 'duo spelled with and', lib: [{ artist: 'Simon & Garfunkel', title: 'The Boxer' }], q: { artist: 'Simon and Garfunkel', title: 'The Boxer' }, want: 'k1' },
  { name: 'same remix named both ways', lib: [{ artist: 'Vaults', title: 'Midnight River (Memtrix remix)' }], q: { artist: 'Vaults', title: 'Midnight River - Memtrix Remix' }, want: 'k1' },
  { name: 'same live show', lib: [{ artist: 'Ryan Adams', title: 'Firecracker (Live in Amsterdam)' }], q: { artist: 'Ryan Adams', title: 'Firecracker (Live In Amsterdam)' }, want: 'k1' },
  { name: 'CJK title', lib: [{ artist: 'YOASOBI', title: '夜に駆ける' }], q: { artist: 'Yoasobi', title: '夜に駆ける' }, want: 'k1' },
  { name: 'Cyrillic title', lib: [{ artist: 'Кино', title: 'Группа крови' }], q: { artist: 'кино', title: 'группа крови' }, want: 'k1' },
  { name: 'compilation: track artist counts', lib: [{ artist: 'Diplo', albumArtist: 'Various Artists', title: 'Get It Right', album: 'Now 50' }], q: { artist: 'Diplo', title: 'Get It Right' }, want: 'k1' },
  { name: 'compilation tagged Various Artists, specific title', lib: [{ artist: 'Various Artists', title: 'Get It Right (feat. MØ)' }], q: { artist: 'Diplo', title: 'Get It Right' }, want: 'k1' },
  { name: 'typo in a long title', lib: [{ artist: 'Fall Out Boy', title: "I've Got All This Ringing In My Ears And None On My Fingers" }], q: { artist: 'Fall Out Boy', title: "I've Got All This Ringing In My Ears and None On My Fingerss" }, want: 'k1' },
];

const different: Case[] = [
  { name: 'live vs studio', lib: [{ artist: 'Ed Sheeran', title: 'The A Team' }], q: { artist: 'Ed Sheeran', title: 'The A Team (Live)' }, want: undefined },
  { name: 'studio vs live', lib: [{ artist: 'Ed Sheeran', title: 'The A Team (Live)' }], q: { artist: 'Ed Sheeran', title: 'The A Team' }, want: undefined },
  { name: 'live in another city', lib: [{ artist: 'Ryan Adams', title: 'Firecracker (Live in Stockholm)' }], q: { artist: 'Ryan Adams', title: 'Firecracker (Live in Amsterdam)' }, want: undefined },
  { name: 'Pt. 1 vs Pt. 2', lib: [{ artist: 'Mark Ronson', title: 'Crack In the Pearl, Pt. 1' }], q: { artist: 'Mark Ronson', title: 'Crack In the Pearl, Pt. II' }, want: undefined },
  { name: 'part vs no part', lib: [{ artist: 'Mark Ronson', title: 'Crack In the Pearl' }], q: { artist: 'Mark Ronson', title: 'Crack In the Pearl, Pt. II' }, want: undefined },
  { name: 'remix vs original', lib: [{ artist: 'Flo Rida', title: 'Turn Around (5,4,3,2,1)' }], q: { artist: 'Flo Rida', title: 'Turn Around (5,4,3,2,1) [DJ Bam Bam Radio Remix]' }, want: undefined },
  { name: 'another remixer', lib: [{ artist: 'David Guetta', title: 'Titanium (Alesso Remix)' }], q: { artist: 'David Guetta', title: 'Titanium (Nicky Romero Remix)' }, want: undefined },
  { name: 'bare "Remix" word', lib: [{ artist: 'Wiz Khalifa', title: 'We Dem Boyz Remix (feat. Nas)' }], q: { artist: 'Wiz Khalifa', title: 'We Dem Boyz' }, want: undefined },
  { name: 'karaoke', lib: [{ artist: 'Taylor Swift', title: 'This Love' }], q: { artist: 'Taylor Swift', title: 'This Love (Karaoke Version)' }, want: undefined },
  { name: 'acoustic', lib: [{ artist: 'Shinedown', title: 'Save Me' }], q: { artist: 'Shinedown', title: 'Save Me [Acoustic]' }, want: undefined },
  { name: 'demo', lib: [{ artist: 'Shinedown', title: 'Fake' }], q: { artist: 'Shinedown', title: 'Fake (Demo)' }, want: undefined },
  { name: 're-recording', lib: [{ artist: 'Taylor Swift', title: "Shake It Off (Taylor's Version)" }], q: { artist: 'Taylor Swift', title: 'Shake It Off' }, want: undefined },
  { name: 'duet re-recording', lib: [{ artist: 'Brooks & Dunn', title: 'Neon Moon' }], q: { artist: 'Brooks & Dunn', title: 'Neon Moon - with Kacey Musgraves' }, want: undefined },
  { name: 'cover by another artist', lib: [{ artist: 'Johnny Cash', title: 'Hurt' }], q: { artist: 'Nine Inch Nails', title: 'Hurt' }, want: undefined },
  { name: 'same title, another artist', lib: [{ artist: 'Aimee Mann', title: 'Save Me' }], q: { artist: 'Nicki Minaj', title: 'Save Me' }, want: undefined },
  { name: 'similar artist names', lib: [{ artist: 'Kenny Rogers', title: 'Lady' }], q: { artist: 'Kenny Chesney', title: 'Lady' }, want: undefined },
  { name: 'short artist names', lib: [{ artist: 'RAC', title: 'Let Go' }], q: { artist: 'Ryan Adams', title: 'Let Go' }, want: undefined },
  { name: 'duo is not its member', lib: [{ artist: 'Paul Simon', title: 'The Boxer' }], q: { artist: 'Simon & Garfunkel', title: 'The Boxer' }, want: undefined },
  { name: 'member is not the duo', lib: [{ artist: 'Hall & Oates', title: 'Rich Girl' }], q: { artist: 'Daryl Hall', title: 'Rich Girl' }, want: undefined },
  { name: 'same artist, another song', lib: [{ artist: 'Carrie Underwood', title: 'This Time' }], q: { artist: 'Carrie Underwood', title: 'Songs Like This' }, want: undefined },
  { name: 'another number', lib: [{ artist: 'Blur', title: 'Song 2' }], q: { artist: 'Blur', title: 'Song 3' }, want: undefined },
  { name: 'CJK title of another song', lib: [{ artist: 'YOASOBI', title: '夜に駆ける' }], q: { artist: 'YOASOBI', title: '群青' }, want: undefined },
  { name: 'compilation tagged Various Artists, common title', lib: [{ artist: 'Various Artists', title: 'Save Me' }], q: { artist: 'Nicki Minaj', title: 'Save Me' }, want: undefined },
  { name: 'feature the library lacks, unconfirmed', lib: [{ artist: 'Hiatus Kaiyote', title: 'Nakamarra' }], q: { artist: 'Hiatus Kaiyote', title: 'Nakamarra (feat. Q-Tip)' }, want: undefined },
  { name: 'durations far apart and a misspelt title', lib: [{ artist: 'Queen', title: 'Bohemian Rhapsody', durationMs: 354_000 }], q: { artist: 'Queen', title: 'Bohemian Rapsody', durationMs: 240_000 }, want: undefined },
];

describe('matching: the same recording is found', () => {
  it.each(same.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(matchIn(c.lib, c.q)).toBe(c.want);
  });
});

describe('matching: a different recording is a miss', () => {
  it.each(different.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(matchIn(c.lib, c.q)).toBe(c.want);
  });
});

describe('matching: preferences when the library has several candidates', () => {
  it.each([
    ['a query without a version takes the studio track', [{ artist: 'A', title: 'Song (Live)' }, { artist: 'A', title: 'Song' }], { artist: 'A', title: 'Song' }, 'k2'],
    ['a query with a version takes that version', [{ artist: 'A', title: 'Song' }, { artist: 'A', title: 'Song (Live)' }], { artist: 'A', title: 'Song (Live)' }, 'k2'],
    ['the original before the re-recording', [{ artist: 'Taylor Swift', title: "Shake It Off (Taylor's Version)" }, { artist: 'Taylor Swift', title: 'Shake It Off' }], { artist: 'Taylor Swift', title: 'Shake It Off' }, 'k2'],
    ['the right part', [{ artist: 'A', title: 'Suite, Pt. 1' }, { artist: 'A', title: 'Suite, Pt. 2' }], { artist: 'A', title: 'Suite (Part II)' }, 'k2'],
    ['the duo, not its member', [{ artist: 'Paul Simon', title: 'The Boxer' }, { artist: 'Simon & Garfunkel', title: 'The Boxer' }], { artist: 'Simon & Garfunkel', title: 'The Boxer' }, 'k2'],
    ['the album copy over the compilation copy', [{ artist: 'A', title: 'Song', album: 'Best Of' }, { artist: 'A', title: 'Song', album: 'First Album' }], { artist: 'A', title: 'Song', album: 'First Album (Deluxe Edition)' }, 'k2'],
    ['the closer duration among copies', [{ artist: 'A', title: 'Song', durationMs: 200_000 }, { artist: 'A', title: 'Song', durationMs: 181_000 }], { artist: 'A', title: 'Song', durationMs: 180_000 }, 'k2'],
    ['the credited track artist on a compilation', [{ artist: 'Various Artists', title: 'Get It Right (feat. MØ)' }, { artist: 'Diplo', albumArtist: 'Various Artists', title: 'Get It Right' }], { artist: 'Diplo', title: 'Get It Right' }, 'k2'],
  ] as [string, Lib[], MatchCandidate, string][])('%s', (_name, lib, q, want) => {
    expect(matchIn(lib, q)).toBe(want);
  });
});
