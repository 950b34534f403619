// A yield world's library: a Plex music library with the tagging real libraries have (leading "The" and
// "Name, The", "&" duos, accents, non-Latin scripts, remaster and feature suffixes in titles, compilations
// tagged with the track artist or only "Various Artists", a live album of plain titles, a studio album whose
// name starts with "Live", missing and 0 lengths, and common song names several artists share).
// Everything is generated from a seed: no string of a labelled data set is used.

/** mulberry32: small, fast, reproducible. */
export function seededRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
export const pick = (rng, items) => items[Math.floor(rng() * items.length)];
export const chance = (rng, p) => rng() < p;
export const between = (rng, lo, hi) => lo + Math.floor(rng() * (hi - lo + 1));

const FIRST = ['Amber', 'Black', 'Blue', 'Cold', 'Crystal', 'Dead', 'Electric', 'Empty', 'Glass', 'Golden', 'Hollow', 'Iron', 'Last', 'Little', 'Lost', 'Neon', 'Northern', 'Paper', 'Quiet', 'Red', 'Silver', 'Silent', 'Velvet', 'Wild', 'Young'];
const SECOND = ['Arrows', 'Bears', 'Birds', 'Cities', 'Dreamers', 'Engines', 'Foxes', 'Giants', 'Hearts', 'Kings', 'Lanterns', 'Lights', 'Lovers', 'Machines', 'Mountains', 'Owls', 'Pilots', 'Rivers', 'Saints', 'Shadows', 'Strangers', 'Tides', 'Wolves'];
const GIVEN = ['Ada', 'Bruno', 'Celia', 'Dario', 'Elin', 'Farah', 'Goran', 'Hana', 'Ivo', 'Jonas', 'Kira', 'Lena', 'Mateo', 'Nadia', 'Otto', 'Priya', 'Rafael', 'Sanna', 'Tomas', 'Vera'];
const FAMILY = ['Berg', 'Castell', 'Doyle', 'Easton', 'Falk', 'Grant', 'Holm', 'Ibarra', 'Jansen', 'Kovac', 'Lind', 'Moreau', 'Novak', 'Okafor', 'Petrov', 'Quinn', 'Rossi', 'Sato', 'Tanaka', 'Varga'];
const ACCENTED = ['Sigríður Ósk', 'Zoë Brontë', 'Jérôme Fèvre', 'Mötley Dämon', 'Ñandú Peña', 'Ågot Øvrebø', 'Çelik Güneş'];
const NON_LATIN = [
  { artist: 'ミナミ・ハルカ', titles: ['夜明けの街', '青い風', '約束の場所', 'ガラスの心'] },
  { artist: '하늘빛', titles: ['별이 빛나는 밤', '너에게', '봄날의 기억'] },
  { artist: 'Звёздный Путь', titles: ['Группа ветра', 'Ночной город', 'Последний день'] },
  { artist: '李小龍樂隊', titles: ['月亮代表', '夜來香', '海闊天空之歌'] },
  { artist: 'Αστέρια', titles: ['Το Φεγγάρι', 'Θάλασσα Μου'] },
];
const TITLE_A = ['All', 'Another', 'Before', 'Broken', 'Burning', 'Call', 'Dancing', "Don't", 'Falling', 'Find', 'Ghost', 'Golden', 'Heart', 'Hold', 'Into', 'Let', 'Lonely', 'Midnight', 'Never', 'Northern', 'One', 'Paper', 'Running', 'Say', 'Shadow', 'Silver', 'Slow', 'Summer', 'Take', 'Tonight', "We're", 'Wild', 'Young'];
const TITLE_B = ['Again', 'Alive', 'Away', 'Blue', 'Down', 'Fire', 'Forever', 'Gone', 'Home', 'in the Dark', 'Lights', 'Me Now', 'My Hand', 'of Glass', 'on Me', 'Rain', 'Road', 'Skies', 'the Line', 'the Sun', 'Tomorrow', 'Water', 'with You'];
/** Song names many artists have: the same title by another artist must not be taken. */
export const COMMON_TITLES = ['Home', 'Hold On', 'Stay', 'Alive', 'Runaway', 'Forever', 'Crazy', 'Angel'];
const ALBUM_WORDS = ['Atlas', 'Bloom', 'Cinders', 'Daylight', 'Echoes', 'Fable', 'Gravity', 'Harbour', 'Islands', 'Juniper', 'Kaleidoscope', 'Lowlands', 'Meridian', 'Nocturne', 'Orbit', 'Parallels', 'Quarry', 'Reverie', 'Solstice', 'Terrain'];
const GENRES = ['Rock', 'Pop', 'Electronic', 'Jazz', 'Ambient', 'Folk', 'Hip-Hop', 'Soul'];
const FEATURED = ['Lil Nova', 'Maya Frost', 'DJ Kestrel', 'Rico Vance', 'Saint Juno', 'Tavi Blue'];

/** A world's artists: how the library tags each name, and how services may spell it. */
function makeArtists(rng, count) {
  const out = [];
  const used = new Set();
  const add = (a) => {
    if (used.has(a.library.toLowerCase())) return;
    used.add(a.library.toLowerCase());
    out.push(a);
  };
  for (const n of NON_LATIN) add({ library: n.artist, spellings: [n.artist], titles: n.titles });
  for (let i = 0; out.length < count && i < count * 10; i += 1) {
    const kind = rng();
    if (kind < 0.3) {
      const name = `${pick(rng, FIRST)} ${pick(rng, SECOND)}`;
      // Libraries tag "The X" either way; services mostly write "The X".
      add({ library: chance(rng, 0.3) ? `${name}, The` : `The ${name}`, spellings: [`The ${name}`, name] });
    } else if (kind < 0.45) {
      const a = `${pick(rng, GIVEN)} ${pick(rng, FAMILY)}`;
      const b = pick(rng, GIVEN);
      add({ library: `${a} & ${b}`, spellings: [`${a} & ${b}`, `${a} and ${b}`], duo: true });
    } else if (kind < 0.55) {
      const name = pick(rng, ACCENTED);
      add({ library: name, spellings: [name, name.normalize('NFKD').replace(/\p{M}/gu, '')] });
    } else {
      const name = `${pick(rng, GIVEN)} ${pick(rng, FAMILY)}`;
      add({ library: name, spellings: [name, name.toUpperCase() === name ? name : name] });
    }
  }
  return out;
}

function songTitle(rng, taken) {
  for (let i = 0; i < 50; i += 1) {
    const t = chance(rng, 0.08) ? pick(rng, COMMON_TITLES) : `${pick(rng, TITLE_A)} ${pick(rng, TITLE_B)}`;
    if (!taken.has(t.toLowerCase())) {
      taken.add(t.toLowerCase());
      return t;
    }
  }
  return `${pick(rng, TITLE_A)} ${pick(rng, TITLE_B)} ${taken.size}`;
}

function libraryLength(rng) {
  const r = rng();
  if (r < 0.04) return 0; // Plex shows 0 for files it could not read the length of
  if (r < 0.08) return undefined;
  return between(rng, 150, 420) * 1000 + between(rng, 0, 999);
}

/**
 * Builds the library and the recordings behind it. A recording is one performance: its library copies
 * (album track, compilation copy) and the facts services render from it.
 */
export function makeLibrary(rng, { artists: artistCount = 40, songsPerArtist = [4, 9] } = {}) {
  const artists = makeArtists(rng, artistCount);
  const recordings = [];
  const plexTracks = [];
  let key = 1000;
  const addCopy = (rec, fields) => {
    const ratingKey = String(key++);
    plexTracks.push({ ratingKey, ...fields });
    rec.ratingKeys.push(ratingKey);
    return ratingKey;
  };
  for (const artist of artists) {
    const taken = new Set();
    const titles = artist.titles ?? Array.from({ length: between(rng, ...songsPerArtist) }, () => songTitle(rng, taken));
    const albums = [`${pick(rng, ALBUM_WORDS)}`, `${pick(rng, ALBUM_WORDS)} ${pick(rng, ALBUM_WORDS)}`];
    titles.forEach((title, i) => {
      const album = albums[i % 2];
      const lengthMs = between(rng, 150, 420) * 1000 + between(rng, 0, 999);
      const rec = { artist, title, album, lengthMs, live: false, ratingKeys: [], featured: undefined, remasterTag: undefined };
      let libTitle = title;
      const r = rng();
      if (r < 0.1 && !artist.titles) {
        rec.featured = pick(rng, FEATURED);
        libTitle = `${title} (feat. ${rec.featured})`;
      } else if (r < 0.18) {
        rec.remasterTag = pick(rng, ['(2011 Remaster)', '- Remastered 2009', '[Remastered]']);
        libTitle = `${title} ${rec.remasterTag}`;
      }
      const libLength = chance(rng, 0.9) ? lengthMs : libraryLength(rng);
      const genres = [artist.genre ??= pick(rng, GENRES)];
      addCopy(rec, { title: libTitle, artist: artist.library, album, ...(libLength !== undefined ? { durationMs: libLength } : {}), index: i + 1, genres, albumGenres: genres, viewCount: between(rng, 0, 30) });
      recordings.push(rec);
    });
  }
  // A live album by one artist: plain titles, other performances of studio songs.
  const liveArtist = artists.find((a) => !a.titles && !a.duo) ?? artists[0];
  const studio = recordings.filter((r) => r.artist === liveArtist).slice(0, 3);
  const liveAlbum = `Live at the ${pick(rng, ['Roundhouse', 'Paradiso', 'Apollo', 'Fillmore'])}`;
  for (const s of studio) {
    const rec = { artist: liveArtist, title: s.title, album: liveAlbum, lengthMs: s.lengthMs + 40_000, live: true, ratingKeys: [] };
    addCopy(rec, { title: s.title, artist: liveArtist.library, album: liveAlbum, durationMs: rec.lengthMs });
    recordings.push(rec);
  }
  // A studio album whose name starts with "Live": its tracks are studio recordings.
  const verbArtist = artists.filter((a) => !a.titles && a !== liveArtist)[1] ?? artists[1];
  const verbAlbum = `Live ${pick(rng, ['Through the Night', 'Like Tomorrow', 'Forever Young'])}`;
  for (const title of ['Open Window', 'Salt and Stone']) {
    const rec = { artist: verbArtist, title, album: verbAlbum, lengthMs: between(rng, 180, 300) * 1000, live: false, ratingKeys: [] };
    addCopy(rec, { title, artist: verbArtist.library, album: verbAlbum, durationMs: rec.lengthMs });
    recordings.push(rec);
  }
  // Compilations: copies of album tracks under the track artist, and a few tagged only "Various Artists".
  const compilation = `Now That's Summer ${between(rng, 10, 40)}`;
  for (const rec of recordings.filter((r) => !r.live && !r.artist.titles).filter(() => chance(rng, 0.06))) {
    addCopy(rec, { title: rec.title, artist: 'Various Artists', trackArtist: rec.artist.library, album: compilation, durationMs: rec.lengthMs });
  }
  const vaOnly = recordings.filter((r) => !r.live && r.title.split(' ').length >= 3 && r.ratingKeys.length === 1).slice(0, 2);
  for (const rec of vaOnly) addCopy(rec, { title: rec.title, artist: 'Various Artists', album: 'Indie Anthems Vol. 2', durationMs: rec.lengthMs });
  return { artists, recordings, plexTracks };
}
