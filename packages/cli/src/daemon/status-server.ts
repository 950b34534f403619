import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { REPORT_CSS } from '../report/report-styles.js';

export interface StatusRoutes {
  /** GET /: the report page, rendered now. */
  page(): Promise<string>;
  /** GET /healthz: the rules of `harmoniq health`. */
  health(): Promise<{ healthy: boolean; line: string }>;
  /** GET /lidarr.json: the missing artists as a Lidarr custom list (Lidarr imports it from this URL). */
  lidarr(): Promise<string>;
  /** GET /metrics: Prometheus text format. */
  metrics(): Promise<{ contentType: string; body: string }>;
  /** POST /run: start a run now, or right after the current one. */
  run(): void;
}

export interface StatusServer {
  url: string;
  close(): Promise<void>;
}

/** The page's only inline style, allowed by its hash: nothing else may load or run (no script, no fetch, no frame). */
const CSP = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(REPORT_CSS).digest('base64')}'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;
const HEADERS = {
  'content-security-policy': CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

/**
 * The daemon's status page: exactly GET /, GET /healthz, GET /metrics, GET /lidarr.json, and POST /run when a token is configured
 * and sent (`Authorization: Bearer <token>`, compared in constant time). Everything else is 404, so the server
 * shows nothing it was not built to show (no files, no listing). Thin: the routes render, this only serves.
 */
export async function startStatusServer(options: { host: string; port: number; token?: string; routes: StatusRoutes; onError: (message: string) => void }): Promise<StatusServer> {
  const { routes } = options;
  const expected = options.token ? digest(options.token) : undefined;

  const send = (res: ServerResponse, status: number, type: string, body: string) => {
    res.writeHead(status, { ...HEADERS, 'content-type': type, 'content-length': Buffer.byteLength(body) });
    res.end(body);
  };
  const notFound = (res: ServerResponse) => send(res, 404, 'text/plain; charset=utf-8', 'Not found\n');

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'GET' && path === '/') return send(res, 200, 'text/html; charset=utf-8', await routes.page());
    if (req.method === 'GET' && path === '/healthz') {
      const verdict = await routes.health();
      return send(res, verdict.healthy ? 200 : 503, 'text/plain; charset=utf-8', `${verdict.line}\n`);
    }
    if (req.method === 'GET' && path === '/lidarr.json') return send(res, 200, 'application/json; charset=utf-8', await routes.lidarr());
    if (req.method === 'GET' && path === '/metrics') {
      const metrics = await routes.metrics();
      return send(res, 200, metrics.contentType, metrics.body);
    }
    if (req.method === 'POST' && path === '/run' && expected && authorised(req, expected)) {
      routes.run();
      return send(res, 202, 'text/plain; charset=utf-8', 'Run requested.\n');
    }
    return notFound(res);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      options.onError(`The status page could not answer ${req.method} ${(req.url ?? '').split('?')[0]}: ${(error as Error).message}`);
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'Internal error; see the daemon log.\n');
      else res.destroy();
    });
  });
  // A slow or idle client must not hold the daemon's shutdown.
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/** Equal-length digests make the comparison take the same time whatever was sent. */
function authorised(req: IncomingMessage, expected: Buffer): boolean {
  const header = req.headers.authorization ?? '';
  const match = /^Bearer\s+(.+)$/i.exec(header.trim());
  return match ? timingSafeEqual(digest(match[1]!), expected) : false;
}
