import { describe, it, expect } from '@jest/globals';
import { closestGenres, expandGenres, genreKey } from '@harmoniq/plugin-daily-flow';

describe('genreKey', () => {
  it.each([
    [['Hip-Hop', 'Hip Hop', 'hiphop', 'HIP HOP', 'Hip/Hop']],
    [['R&B', 'RnB', 'R & B', 'Rhythm and Blues', 'Rhythm & Blues', "Rhythm 'n' Blues"]],
    [['Drum & Bass', 'Drum and Bass', "Drum 'n' Bass", 'DnB', 'D&B']],
    [["Rock 'n' Roll", 'Rock and Roll', 'Rock & Roll', 'Rock n Roll']],
    [['Électronique', 'electronique', 'ELECTRONIQUE']],
    [['Chillout', 'Chill-out', 'Chill Out']],
  ])('treats %j as one genre', (spellings) => {
    expect(new Set(spellings.map(genreKey)).size).toBe(1);
  });

  it('keeps different genres apart', () => {
    expect(genreKey('Rock')).not.toBe(genreKey('Pop Rock'));
    expect(genreKey('Blues')).not.toBe(genreKey('R&B'));
    expect(genreKey('Electronic')).not.toBe(genreKey('Electronica'));
  });

  it('keeps non-Latin genre names', () => {
    expect(genreKey('J-ポップ')).toBe('jポップ');
    expect(genreKey('Поп')).toBe('поп');
  });
});

describe('expandGenres', () => {
  it('adds the genres an alias stands for, matching the alias name loosely', () => {
    const keys = expandGenres(['chill'], { Chill: ['Chillout', 'Downtempo'] });
    expect([...keys].sort()).toEqual(['chill', 'chillout', 'downtempo']);
  });

  it('expands one way only', () => {
    expect([...expandGenres(['Chillout'], { Chill: ['Chillout'] })]).toEqual(['chillout']);
  });
});

describe('closestGenres', () => {
  it('suggests library genres that contain or resemble the wanted ones, best first', () => {
    const library = ['Ambient', 'Chillwave', 'Classical', 'Death Metal', 'Jazz', 'Lo-Fi', 'Soundtrack'];
    expect(closestGenres(['Chill', 'Jaz'], library, 2)).toEqual(['Jazz', 'Chillwave']);
    expect(closestGenres(['Chill'], library)).toHaveLength(5);
  });

  it('suggests nothing for an empty library', () => {
    expect(closestGenres(['Jazz'], [])).toEqual([]);
  });
});
