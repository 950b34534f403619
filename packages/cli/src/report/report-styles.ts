/**
 * The page's only style sheet, inline (no external asset). System fonts, a single column that widens on large
 * screens, colours with WCAG AA contrast, and status never told by colour alone (each has a word and a sign).
 */
export const REPORT_CSS = `
:root { color-scheme: light; --fg: #1b1f24; --muted: #4b5563; --line: #d0d7de; --bg: #ffffff; --panel: #f6f8fa;
  --ok: #1a7f37; --bad: #b42318; --warn: #8a5300; --link: #0b57d0; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
main { max-width: 72rem; margin: 0 auto; padding: 1rem; }
header.page { border-bottom: 1px solid var(--line); margin-bottom: 1rem; }
h1 { font-size: 1.6rem; margin: 0.5rem 0; }
h2 { font-size: 1.3rem; margin: 2rem 0 0.5rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.1rem; margin: 0 0 0.25rem; overflow-wrap: anywhere; }
a { color: var(--link); }
.muted { color: var(--muted); }
.status { font-weight: 700; }
.status.ok { color: var(--ok); }
.status.failed { color: var(--bad); }
.status.warn { color: var(--warn); }
.headline { font-size: 1.1rem; padding: 0.75rem; border-radius: 6px; background: var(--panel); border-left: 6px solid var(--line); overflow-wrap: anywhere; }
.headline.ok { border-left-color: var(--ok); }
.headline.failed { border-left-color: var(--bad); }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0; }
th, td { text-align: left; vertical-align: top; padding: 0.35rem 0.5rem; border-bottom: 1px solid var(--line); overflow-wrap: anywhere; }
th { background: var(--panel); overflow-wrap: normal; }
.playlists { display: grid; grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr)); gap: 1rem; padding: 0; list-style: none; }
.playlist { border: 1px solid var(--line); border-radius: 8px; padding: 0.75rem; }
.cover { width: 100%; height: auto; aspect-ratio: 1; border-radius: 6px; display: block; object-fit: cover; }
.placeholder { display: flex; align-items: center; justify-content: center; background: #e5e7eb; color: var(--muted); font-size: 3rem; }
ol.tracks { padding-left: 1.5rem; margin: 0.25rem 0; }
details { margin: 0.25rem 0; }
summary { cursor: pointer; }
.run { border-left: 4px solid var(--line); padding: 0.25rem 0.75rem; margin: 0.75rem 0; }
.run.failed { border-left-color: var(--bad); }
.run.ok { border-left-color: var(--ok); }
ul.changes { margin: 0.25rem 0; padding-left: 1.25rem; }
code { font-size: 0.9em; overflow-wrap: anywhere; }
@media (min-width: 48rem) { main { padding: 1.5rem 2rem; } }
`;
