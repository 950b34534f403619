import { describe, it, expect } from '@jest/globals';
import { dailyFlowSource, parseTimeWindows, parseWindowList, DEFAULT_WINDOWS_TEXT } from '@harmoniq/plugin-daily-flow';

const EXAMPLE = '06:00-11:00=Chillout,Acoustic;11:00-17:00=Pop,Rock;17:00-22:00=Electronic,Dance;22:00-06:00=Ambient';

function errorsOf<T>(result: { ok: true; value: T } | { ok: false; errors: { path: string; message: string }[] }) {
  return result.ok ? [] : result.errors;
}

describe('parseTimeWindows (TIME_WINDOWS)', () => {
  it('reads every window with its times and genres', () => {
    const result = parseTimeWindows(EXAMPLE);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.map((w) => [w.start, w.end, w.genres])).toEqual([
      ['06:00', '11:00', ['Chillout', 'Acoustic']],
      ['11:00', '17:00', ['Pop', 'Rock']],
      ['17:00', '22:00', ['Electronic', 'Dance']],
      ['22:00', '06:00', ['Ambient']],
    ]);
    expect(result.value[3]).toMatchObject({ startMinute: 22 * 60, endMinute: 6 * 60, exclude: [] });
  });

  it('accepts new lines, spaces and a trailing separator', () => {
    const result = parseTimeWindows(' 06:00 - 11:00 = Chillout , Acoustic ;\n 11:00-24:00=Pop;');
    expect(result.ok && result.value.map((w) => [w.start, w.end, w.endMinute, w.genres])).toEqual([
      ['06:00', '11:00', 660, ['Chillout', 'Acoustic']],
      ['11:00', '24:00', 1440, ['Pop']],
    ]);
  });

  it('allows gaps between windows', () => {
    expect(parseTimeWindows('06:00-09:00=Jazz;18:00-20:00=Rock').ok).toBe(true);
  });

  it('rejects an hour that does not exist, naming the window and its position', () => {
    expect(errorsOf(parseTimeWindows('06:00-11:00=Pop;22:00-25:00=Ambient'))).toEqual([
      { path: 'TIME_WINDOWS[1]', message: expect.stringMatching(/'22:00-25:00=Ambient'.*end '25:00' is not a time of day/) },
    ]);
  });

  it('rejects times without minutes such as 6-11', () => {
    const errors = errorsOf(parseTimeWindows('6-11=Pop'));
    expect(errors.map((e) => e.path)).toEqual(['TIME_WINDOWS[0]', 'TIME_WINDOWS[0]']);
    expect(errors[0]?.message).toContain("window '6-11=Pop': start '6'");
    expect(errors[1]?.message).toContain("end '11'");
  });

  it('rejects text that is not a time range at all', () => {
    expect(errorsOf(parseTimeWindows('morning=Jazz'))).toEqual([
      { path: 'TIME_WINDOWS[0]', message: expect.stringContaining("'morning' is not a time range") },
    ]);
  });

  it('rejects a window with an empty genre list, or none', () => {
    expect(errorsOf(parseTimeWindows('06:00-11:00=Pop;11:00-12:00=;12:00-13:00=, ;13:00-14:00'))).toEqual([
      { path: 'TIME_WINDOWS[1]', message: expect.stringContaining("'11:00-12:00=': lists no genres") },
      { path: 'TIME_WINDOWS[2]', message: expect.stringContaining('lists no genres') },
      { path: 'TIME_WINDOWS[3]', message: expect.stringContaining('lists no genres') },
    ]);
  });

  it('rejects overlapping windows, naming both', () => {
    expect(errorsOf(parseTimeWindows('06:00-11:00=Jazz;11:00-17:00=Pop;16:00-18:00=Rock'))).toEqual([
      { path: 'TIME_WINDOWS[2]', message: expect.stringContaining('window 16:00-18:00 overlaps TIME_WINDOWS[1] (11:00-17:00)') },
    ]);
  });

  it('rejects a window across midnight that overlaps one in the morning', () => {
    expect(errorsOf(parseTimeWindows('22:00-07:00=Ambient;06:00-11:00=Jazz'))).toEqual([
      { path: 'TIME_WINDOWS[1]', message: expect.stringContaining('overlaps TIME_WINDOWS[0] (22:00-07:00)') },
    ]);
  });

  it('rejects an empty window and points to 00:00-24:00 for the whole day', () => {
    expect(errorsOf(parseTimeWindows('12:00-12:00=Pop'))).toEqual([
      { path: 'TIME_WINDOWS[0]', message: expect.stringContaining('00:00-24:00') },
    ]);
    expect(parseTimeWindows('00:00-24:00=Pop').ok).toBe(true);
  });

  it('reports every problem at once', () => {
    expect(errorsOf(parseTimeWindows('25:00-06:00=Pop;06:00-07:00=;6-11=Jazz')).map((e) => e.path)).toEqual([
      'TIME_WINDOWS[0]',
      'TIME_WINDOWS[1]',
      'TIME_WINDOWS[2]',
      'TIME_WINDOWS[2]',
    ]);
  });

  it('rejects an empty value', () => {
    expect(errorsOf(parseTimeWindows(' ; '))).toEqual([{ path: 'TIME_WINDOWS', message: expect.stringContaining('no time windows') }]);
  });
});

describe('parseWindowList (sources.daily-flow.windows)', () => {
  const path = 'sources.daily-flow.windows';

  it('reads windows with their extras', () => {
    const result = parseWindowList(
      [
        { start: '06:00', end: '11:00', genres: ['Chillout', 'Acoustic'], exclude: ['Metal'], minRating: 6, notPlayedDays: 14, size: 20 },
        { start: '22:00', end: '06:00', genres: 'Ambient, Classical' },
      ],
      path,
    );
    expect(result.ok && result.value).toEqual([
      { start: '06:00', end: '11:00', startMinute: 360, endMinute: 660, genres: ['Chillout', 'Acoustic'], exclude: ['Metal'], minRating: 6, notPlayedDays: 14, size: 20 },
      { start: '22:00', end: '06:00', startMinute: 1320, endMinute: 360, genres: ['Ambient', 'Classical'], exclude: [] },
    ]);
  });

  it('names the window and its position for each mistake', () => {
    const errors = errorsOf(
      parseWindowList(
        [
          { start: '06:00', end: '11:00', genres: ['Jazz'] },
          { start: '6', end: '11:00', genres: ['Pop'] },
          { start: '12:00', end: '13:00', genres: [] },
          { start: '13:00', end: '14:00', genres: ['Rock'], minRating: 11, size: 0, notPlayedDays: 1.5, colour: 'red' },
          { start: '10:00', end: '12:00', genres: ['Soul'] },
          'late',
        ],
        path,
      ),
    );
    expect(errors).toEqual([
      { path: `${path}[1]`, message: expect.stringContaining("window 6-11:00: start '6' is not a time of day") },
      { path: `${path}[2]`, message: expect.stringContaining('window 12:00-13:00: genres lists no genres') },
      { path: `${path}[3]`, message: expect.stringContaining('minRating must be a number from 0 to 10') },
      { path: `${path}[3]`, message: expect.stringContaining('notPlayedDays must be a whole number') },
      { path: `${path}[3]`, message: expect.stringContaining('size must be a whole number') },
      { path: `${path}[3]`, message: expect.stringContaining("unknown key 'colour'") },
      { path: `${path}[5]`, message: expect.stringContaining('must be an object') },
      { path: `${path}[4]`, message: expect.stringContaining('window 10:00-12:00 overlaps sources.daily-flow.windows[0] (06:00-11:00)') },
    ]);
  });

  it('reports missing fields', () => {
    expect(errorsOf(parseWindowList([{ end: '11:00' }], path))).toEqual([
      { path: `${path}[0]`, message: 'window: start is missing (HH:MM)' },
      { path: `${path}[0]`, message: 'window: genres is missing' },
    ]);
  });

  it('rejects something that is not a list', () => {
    expect(errorsOf(parseWindowList({ start: '06:00' }, path))).toEqual([{ path, message: expect.stringContaining('list of windows') }]);
  });
});

describe('Daily Flow options', () => {
  const parse = dailyFlowSource.parseOptions.bind(dailyFlowSource);

  it('declares its environment names and defaults', () => {
    expect(dailyFlowSource.env).toEqual({ enabled: 'ENABLE_TIME_PLAYLIST', playlist: 'PLAYLIST_NAME_TIME', size: 'PLAYLIST_SIZE_TIME' });
    expect(dailyFlowSource.defaults).toEqual({ playlist: 'Daily Flow', size: 30, enabled: false });
  });

  it('uses the default windows when neither TIME_WINDOWS nor a config list is given', () => {
    const result = parse(undefined, {});
    expect(result.ok && result.value).toMatchObject({ windowsFrom: 'default', maxPerArtist: 3, prefer: 'none', aliases: {} });
    const defaults = parseTimeWindows(DEFAULT_WINDOWS_TEXT);
    expect(result.ok && defaults.ok && result.value.windows).toEqual(defaults.ok && defaults.value);
  });

  it('lets TIME_WINDOWS win over the config file, with a warning', () => {
    const result = parse({ windows: [{ start: '01:00', end: '02:00', genres: ['Jazz'] }] }, { TIME_WINDOWS: '06:00-11:00=Pop' });
    expect(result.ok && result.value.windows.map((w) => w.genres)).toEqual([['Pop']]);
    expect(result.ok && result.value.windowsFrom).toBe('TIME_WINDOWS');
    expect(result.ok && result.warnings).toEqual(['TIME_WINDOWS is set, so sources.daily-flow.windows is ignored']);
  });

  it('takes windows, aliases, maxPerArtist and prefer from the config file', () => {
    const result = parse(
      { windows: '06:00-11:00=Chill', aliases: { Chill: ['Chillout', 'Downtempo'] }, maxPerArtist: 2, prefer: 'rarely-played' },
      {},
    );
    expect(result.ok && result.value).toMatchObject({
      windowsFrom: 'config',
      aliases: { Chill: ['Chillout', 'Downtempo'] },
      maxPerArtist: 2,
      prefer: 'rarely-played',
    });
  });

  it('lets DAILY_FLOW_MAX_PER_ARTIST and DAILY_FLOW_PREFER win over the config file', () => {
    const result = parse({ maxPerArtist: 2, prefer: 'none' }, { DAILY_FLOW_MAX_PER_ARTIST: '5', DAILY_FLOW_PREFER: 'rated' });
    expect(result.ok && result.value).toMatchObject({ maxPerArtist: 5, prefer: 'rated' });
  });

  it('reports every bad option at once, with its path', () => {
    const result = parse(
      { windows: [{ start: '25:00', end: '06:00', genres: ['Ambient'] }], aliases: { Chill: [] }, maxPerArtist: 0, prefer: 'loud', colour: 1 },
      {},
    );
    // Unknown keys are errors for every source alike (issue 14), so `colour` is reported with the rest.
    expect(errorsOf(result).map((e) => e.path).sort()).toEqual([
      'sources.daily-flow.aliases.Chill',
      'sources.daily-flow.colour',
      'sources.daily-flow.maxPerArtist',
      'sources.daily-flow.prefer',
      'sources.daily-flow.windows[0]',
    ]);
  });

  it('refuses keys it does not know, as every source does, suggesting the one meant', () => {
    const result = parse({ window: [] }, {});
    expect(errorsOf(result)).toEqual([{ path: 'sources.daily-flow.window', message: expect.stringContaining("is not an option of daily-flow (did you mean 'windows'?)") }]);
  });
});
