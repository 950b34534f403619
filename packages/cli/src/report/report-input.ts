import type { MissingReport, RunHistory } from '@harmoniq/core/pipeline';

/** A source's last outcome, from the state file (and the configured sources that never ran). */
export interface SourceHealth {
  source: string;
  at?: string;
  ok?: boolean;
  error?: { code: string; message: string };
}

/** Everything the page shows. The renderer is a pure function of this: data in, HTML out. */
export interface ReportInput {
  /** When the page was made, and the zone its times are shown in. */
  now: Date;
  zone: string;
  version: string;
  history: RunHistory;
  missing: MissingReport;
  sources: SourceHealth[];
  /** Lidarr's custom list: where the file is, a link to it when the page can reach it, and how many artists it holds. */
  lidarr: { path: string; href?: string; artists: number };
  /** Covers as data: URIs, keyed like history.current (`<source>/<draft key>`); a placeholder stands in for the rest. */
  covers: Record<string, string | undefined>;
  /** Served live by the daemon (say so, and how fresh it is) rather than written to a file. */
  live?: boolean;
  /** Runs shown under "Recent changes" (default 10). */
  recentRuns?: number;
  /** Missing tracks shown (default 50). */
  missingShown?: number;
}
