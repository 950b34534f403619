import { HarmoniqError, readJsonFile } from '@harmoniq/core';
import { missingPaths, readHistory } from '@harmoniq/core/pipeline';
import { checkHealth } from '../health-check.js';
import { loadReportInput, type CoverCache } from '../report/load-report-input.js';
import { renderReport } from '../report/render-report.js';
import type { Runtime } from '../runtime.js';
import { createRunMetrics } from './run-metrics.js';
import { startStatusServer } from './status-server.js';

export interface StatusPage {
  /** After each run: count the runs the history gained since the last look. */
  onRunFinished(): Promise<void>;
  close(): Promise<void>;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

/** Starts the daemon's status page when STATUS_PORT is set; undefined otherwise. */
export async function startStatusPage(rt: Runtime, requestRun: () => void): Promise<StatusPage | undefined> {
  const { port, host, token } = rt.config.status;
  if (port === undefined) return undefined;
  const metrics = createRunMetrics();
  const known = await readHistory(rt.config.dataDir, rt.logger);
  const last = known.runs.at(-1);
  if (last) metrics.seed(last, [...known.runs].reverse().find((r) => r.ok));
  let seen = last?.finishedAt ?? '';
  const covers: CoverCache = new Map();

  let server;
  try {
    server = await startStatusServer({
      host,
      port,
      ...(token ? { token } : {}),
      onError: (message) => rt.logger.error(message),
      routes: {
        page: async () => rt.redactor.redact(renderReport(await loadReportInput(rt, { live: true, covers }))),
        health: () => checkHealth(rt),
        lidarr: async () => {
          // The file as the last run wrote it; before any run (or if it is damaged) an empty list, which Lidarr accepts.
          const list = await readJsonFile<unknown>(missingPaths(rt.config.dataDir, rt.config.env.MISSING_TRACKS_PATH).lidarr);
          return rt.redactor.redact(`${JSON.stringify(list.status === 'ok' && Array.isArray(list.value) ? list.value : [], null, 2)}\n`);
        },
        metrics: async () => ({ contentType: metrics.registry.contentType, body: await metrics.registry.metrics() }),
        run: () => {
          rt.logger.info('A run was requested on the status page (POST /run).');
          requestRun();
        },
      },
    });
  } catch (error) {
    throw new HarmoniqError({
      code: 'ECONFIG',
      message: `The status page cannot listen on ${host}:${port}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`,
      hint: 'Choose a free STATUS_PORT (or another STATUS_HOST), or unset STATUS_PORT to run without the status page.',
      cause: error,
    });
  }
  rt.logger.info(`Status page: ${server.url} (GET /, /healthz, /metrics, /lidarr.json; POST /run ${token ? 'with the STATUS_TOKEN' : 'is off: STATUS_TOKEN is not set'}).`);
  if (!LOOPBACK.test(host)) {
    rt.logger.warn(`The status page listens on ${host}, reachable from other machines: it shows playlist titles, tracks and errors (never secrets). Put it behind your reverse proxy or firewall.`);
  }

  return {
    async onRunFinished() {
      const history = await readHistory(rt.config.dataDir, rt.logger);
      for (const run of history.runs) if (run.finishedAt > seen) metrics.observe(run);
      seen = history.runs.at(-1)?.finishedAt ?? seen;
    },
    close: () => server.close(),
  };
}
