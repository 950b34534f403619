import { json, serve, type EmulatorRequest, type EmulatorResponse } from '../common/server.js';
import { LastfmCatalogue } from './catalogue.js';
import { errorXml, toXml } from './format.js';
import { METHODS } from './methods.js';
import type { LastfmEmulator, LastfmEmulatorOptions } from './types.js';

const RATE_LIMIT_MESSAGE =
  'Rate Limit Exceeded - This application has made too many requests in a short period. If this is your API key, see https://www.last.fm/api/tos#4.4 for information about raising the limit.';

/** Counts requests in a sliding 1-second window and remembers the busiest window seen. */
class SlidingWindow {
  private readonly times: number[] = [];
  private peak = 0;

  /** Records a request at `now` and returns how many fell within the last second, this one included. */
  hit(now: number): number {
    this.times.push(now);
    while (this.times.length > 0 && (this.times[0] ?? now) <= now - 1000) this.times.shift();
    this.peak = Math.max(this.peak, this.times.length);
    return this.times.length;
  }

  peakCount(): number {
    return this.peak;
  }
}

/** Key order, `links` and escaped slashes follow the captured bodies (api README §2.1), which differ by error. */
type ErrorShape = 'links' | 'plain' | 'message-first';

function errorResponse(status: number, code: number, message: string, asJson: boolean, shape: ErrorShape = 'links'): EmulatorResponse {
  if (!asJson) return { status, headers: { 'content-type': 'text/xml; charset=utf-8' }, body: errorXml(code, message) };
  if (shape === 'message-first') {
    const body = JSON.stringify({ message, error: code }).replace(/\//g, '\\/');
    return { status, headers: { 'content-type': 'application/json' }, body };
  }
  return json(status, shape === 'links' ? { error: code, message, links: [] } : { error: code, message });
}

/**
 * Starts a Last.fm web-service emulator: one `GET /2.0/` router switched on `method`, answering
 * as ws.audioscrobbler.com does (see packages/testkit/README.md for the exact behaviour).
 */
export async function startLastfmEmulator(options: LastfmEmulatorOptions = {}): Promise<LastfmEmulator> {
  const apiKey = options.apiKey ?? 'lastfm-test-key';
  const suspended = new Set(options.suspendedKeys ?? []);
  const now = options.now ?? (() => Date.now());
  const window = new SlidingWindow();
  let catalogue = new LastfmCatalogue(options.data ?? {});

  const handler = (req: EmulatorRequest): EmulatorResponse => {
    if (req.path !== '/2.0/' && req.path !== '/2.0') {
      return { status: 404, headers: { 'content-type': 'text/html' }, body: '<html><body><h1>404 Not Found</h1></body></html>' };
    }
    const params = req.method === 'POST' ? new URLSearchParams(req.body) : req.query;
    const asJson = (params.get('format') ?? '').toLowerCase() === 'json';
    const seen = window.hit(now());
    if (options.rateLimitPerSecond !== undefined && seen > options.rateLimitPerSecond) {
      return errorResponse(429, 29, RATE_LIMIT_MESSAGE, asJson, 'message-first');
    }
    const key = params.get('api_key');
    if (key !== null && suspended.has(key)) {
      return errorResponse(403, 26, 'API Key Suspended - This application is not allowed to make requests to the web services', asJson, 'plain');
    }
    if (key !== apiKey) return errorResponse(403, 10, 'Invalid API key - You must be granted a valid key by last.fm', asJson, 'message-first');
    const method = METHODS.get((params.get('method') ?? '').toLowerCase());
    if (!method) return errorResponse(400, 3, 'Invalid Method - No method with that name in this package', asJson);
    const result = method(params, catalogue);
    if ('error' in result) return errorResponse(result.status, result.error, result.message, asJson, result.links ? 'links' : 'plain');
    if (!asJson) return { status: 200, headers: { 'content-type': 'text/xml; charset=utf-8' }, body: toXml(result.body) };
    return json(200, result.body);
  };

  const emulator = await serve(handler);
  return {
    ...emulator,
    apiKey,
    setData: (data) => {
      catalogue = new LastfmCatalogue(data);
    },
    peakRequestsPerSecond: () => window.peakCount(),
  };
}
