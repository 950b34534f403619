import type { HistoryPlaylist, HistoryTrack, MissingTrack } from '@harmoniq/core/pipeline';
import { esc, plural, safeHref, safeImageSrc } from './html.js';
import type { ReportInput } from './report-input.js';

type When = (iso: string) => string;

const track = (t: { artist: string; title: string }) => `${esc(t.artist)} – ${esc(t.title)}`;
const badge = (ok: boolean | undefined, okText = 'OK', badText = 'Failed') =>
  ok === undefined ? '<span class="status warn">– Not run yet</span>' : ok ? `<span class="status ok">✓ ${okText}</span>` : `<span class="status failed">✗ ${badText}</span>`;

export function renderSources(input: ReportInput, when: When): string {
  if (!input.sources.length) return '';
  const rows = input.sources.map(
    (s) => `<tr><th scope="row">${esc(s.source)}</th><td>${badge(s.ok)}</td><td>${s.at ? esc(when(s.at)) : '—'}</td><td>${s.error ? `<code>${esc(s.error.code)}</code> ${esc(s.error.message)}` : ''}</td></tr>`,
  );
  return `<section aria-labelledby="sources"><h2 id="sources">Sources</h2>
<div class="table-wrap"><table><thead><tr><th scope="col">Source</th><th scope="col">Last run</th><th scope="col">When</th><th scope="col">Problem</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table></div></section>`;
}

export function renderPlaylists(input: ReportInput, when: When): string {
  const entries = Object.entries(input.history.current).sort(([, a], [, b]) => a.title.localeCompare(b.title));
  if (!entries.length) return `<section aria-labelledby="playlists"><h2 id="playlists">Playlists</h2><p>No managed playlist yet.</p></section>`;
  const cards = entries.map(([id, p]) => {
    const src = input.covers[id] ? safeImageSrc(input.covers[id]!) : undefined;
    const cover = src
      ? `<img class="cover" src="${src}" alt="Cover of ${esc(p.title)}" width="400" height="400">`
      : `<div class="cover placeholder" aria-hidden="true">♪</div>`;
    const source = id.slice(0, id.indexOf('/'));
    const tracks = p.tracks.map((t) => `<li>${track(t)}</li>`).join('');
    return `<li class="playlist">${cover}
<h3>${esc(p.title)}</h3>
<p class="muted">${esc(source)} · ${plural(p.tracks.length, 'track')} · updated ${esc(when(p.updatedAt))}</p>
<details><summary>Tracks of ${esc(p.title)}</summary><ol class="tracks">${tracks}</ol></details></li>`;
  });
  return `<section aria-labelledby="playlists"><h2 id="playlists">Playlists</h2><ul class="playlists">${cards.join('\n')}</ul></section>`;
}

export function renderChanges(input: ReportInput, when: When): string {
  const runs = [...input.history.runs].reverse().slice(0, input.recentRuns ?? 10);
  if (!runs.length) return '';
  const items = runs.map((run) => {
    const state = run.ok ? 'ok' : 'failed';
    const problems = [
      ...(run.error ? [`<li><code>${esc(run.error.code)}</code> ${esc(run.error.message)}</li>`] : []),
      ...run.sources.filter((s) => !s.ok).map((s) => `<li>${esc(s.source)}: <code>${esc(s.error?.code ?? 'failed')}</code> ${esc(s.error?.message ?? '')}</li>`),
    ];
    const lists = run.playlists.map((p) => `<li>${playlistChange(p)}</li>`);
    return `<article class="run ${state}"><h3>${esc(when(run.finishedAt))} · ${badge(run.ok, 'Succeeded')}</h3>
<p class="muted">${esc(run.trigger)} · ${esc((run.durationMs / 1000).toFixed(1))} s · ${plural(run.requests.plex, 'Plex request')}</p>
${problems.length ? `<ul class="changes">${problems.join('')}</ul>` : ''}${lists.length ? `<ul class="changes">${lists.join('')}</ul>` : ''}</article>`;
  });
  return `<section aria-labelledby="changes"><h2 id="changes">Recent runs</h2>${items.join('\n')}</section>`;
}

function playlistChange(p: HistoryPlaylist): string {
  const head = `<strong>${esc(p.title)}</strong>: ${esc(p.action)}${p.reason ? ` (${esc(p.reason)})` : ''}, ${p.found} of ${p.wanted} found`;
  if (!p.added.length && !p.removed.length) return head;
  const list = (sign: string, tracks: HistoryTrack[]) => tracks.map((t) => `<li>${sign} ${track(t)}</li>`).join('');
  return `${head}<details><summary>+${p.added.length} added, −${p.removed.length} removed, ${p.kept} kept</summary><ul>${list('+', p.added)}${list('−', p.removed)}</ul></details>`;
}

/** Most wanted first: by how many runs wanted it, then by how many playlists. */
export function rankMissing(tracks: MissingTrack[]): MissingTrack[] {
  return [...tracks].sort((a, b) => b.timesWanted - a.timesWanted || b.wantedBy.length - a.wantedBy.length || b.lastSeen.localeCompare(a.lastSeen));
}

export function renderMissing(input: ReportInput): string {
  const ranked = rankMissing(input.missing.tracks);
  const shown = ranked.slice(0, input.missingShown ?? 50);
  const lidarr = input.lidarr.href
    ? `<a href="${safeHref(input.lidarr.href)}">Lidarr list</a> (${plural(input.lidarr.artists, 'artist')}, <code>${esc(input.lidarr.path)}</code>)`
    : `Lidarr list: <code>${esc(input.lidarr.path)}</code> (${plural(input.lidarr.artists, 'artist')})`;
  if (!shown.length) return `<section aria-labelledby="missing"><h2 id="missing">Missing tracks</h2><p>No wanted track is missing from your library.</p></section>`;
  const rows = shown.map(
    (t, i) =>
      `<tr><td>${i + 1}</td><td>${track(t)}</td><td>${t.timesWanted}</td><td>${esc(t.wantedBy.map((w) => w.playlist).join(', '))}</td><td>${esc(t.reason)}</td></tr>`,
  );
  return `<section aria-labelledby="missing"><h2 id="missing">Missing tracks</h2>
<p>Wanted by your sources but not in your library, most wanted first${ranked.length > shown.length ? ` (top ${shown.length} of ${ranked.length})` : ''}. ${lidarr}.</p>
<div class="table-wrap"><table><thead><tr><th scope="col">#</th><th scope="col">Track</th><th scope="col">Times wanted</th><th scope="col">Wanted by</th><th scope="col">Why</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table></div></section>`;
}

const REASONS: Record<string, string> = {
  'not-found': 'not in your library',
  'below-threshold': 'a similar track is in your library, but not close enough to be sure',
  ambiguous: 'several library tracks fit equally well',
};

/** The last recorded run of each playlist: its misses, each with the reason `sync --explain` gives. */
export function renderMisses(input: ReportInput): string {
  const latest = new Map<string, HistoryPlaylist>();
  for (const run of input.history.runs) for (const p of run.playlists) latest.set(`${p.source}/${p.key}`, p);
  const withMisses = [...latest.values()].filter((p) => p.misses.length);
  if (!withMisses.length) return '';
  const blocks = withMisses.map((p) => {
    const items = p.misses.map((m) => {
      const nearest = m.nearest ? `; nearest in your library: ${track(m.nearest)} (score ${esc(m.nearest.score)})` : '';
      return `<li>✗ ${track(m)}: ${esc(REASONS[m.reason] ?? m.reason)}${nearest}</li>`;
    });
    const more = p.missesOmitted ? `<li>… and ${p.missesOmitted} more</li>` : '';
    return `<details><summary>${esc(p.title)}: ${plural(p.misses.length + (p.missesOmitted ?? 0), 'miss', 'misses')}</summary><ul>${items.join('')}${more}</ul></details>`;
  });
  return `<section aria-labelledby="misses"><h2 id="misses">Why tracks were not found</h2>
<p>From each playlist's latest run. <code>harmoniq match "Artist" "Title"</code> shows the nearest candidates of one track.</p>${blocks.join('\n')}</section>`;
}
