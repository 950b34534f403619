import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FaultTable, type FaultRule } from './faults.js';

export interface RecordedRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** Length of the request line's URL (path + query), for URL-limit tests. */
  urlLength: number;
  /** Status the emulator answered with (0 when the socket was reset or the request hung). */
  status: number;
  at: number;
}

export interface EmulatorRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: string;
  /** The body as sent, for binary uploads (posters) that a UTF-8 string would mangle. */
  bodyBytes: Buffer;
  rawUrl: string;
}

export interface EmulatorResponse {
  status: number;
  headers?: Record<string, string>;
  /** Bytes are sent as they are (emulators pre-serialise large lists into buffers). */
  body?: string | Uint8Array;
}

export type Handler = (req: EmulatorRequest) => EmulatorResponse | Promise<EmulatorResponse>;

/** What every emulator offers tests: its URL, what it was sent, and fault injection. */
export interface Emulator {
  readonly url: string;
  readonly requests: RecordedRequest[];
  inject(rule: FaultRule): void;
  clearFaults(): void;
  /** Forget recorded requests (e.g. between a cold and a warm run). */
  resetRequests(): void;
  close(): Promise<void>;
}

export interface ServeOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Answer this status when the request URL is longer (default: no limit). */
  maxUrlLength?: number;
  /** Body for the URL-too-long answer. */
  urlTooLong?: () => EmulatorResponse;
}

/** Starts an HTTP server on 127.0.0.1 that records requests and applies faults before the handler. */
export async function serve(handler: Handler, options: ServeOptions = {}): Promise<Emulator> {
  const faults = new FaultTable();
  const requests: RecordedRequest[] = [];
  const sockets = new Set<import('node:net').Socket>();

  const server: Server = createServer((req, res) => {
    void handle(req, res);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const rawUrl = req.url ?? '/';
    const parsed = new URL(rawUrl, 'http://127.0.0.1');
    const bodyBytes = await readBody(req);
    const body = bodyBytes.toString('utf8');
    const method = req.method ?? 'GET';
    const record: RecordedRequest = {
      method,
      path: parsed.pathname,
      query: Object.fromEntries(parsed.searchParams),
      headers: req.headers,
      body,
      urlLength: rawUrl.length,
      status: 0,
      at: Date.now(),
    };
    requests.push(record);
    const send = (r: EmulatorResponse): void => {
      record.status = r.status;
      if (res.destroyed) return;
      res.writeHead(r.status, { 'content-length': Buffer.byteLength(r.body ?? ''), ...r.headers });
      res.end(r.body ?? '');
    };

    if (options.maxUrlLength !== undefined && rawUrl.length > options.maxUrlLength) {
      send(options.urlTooLong?.() ?? { status: 414, headers: { 'content-type': 'text/html' }, body: '<html><head><title>Request-URI Too Long</title></head><body><h1>414 Request-URI Too Long</h1></body></html>' });
      return;
    }

    const fault = faults.take(method, parsed.pathname);
    const request: EmulatorRequest = { method, path: parsed.pathname, query: parsed.searchParams, headers: req.headers, body, bodyBytes, rawUrl };
    if (fault?.delayMs) await sleep(fault.delayMs);
    if (fault?.hang) return;
    if (fault?.reset && !fault.afterHandler) {
      req.socket.destroy();
      return;
    }
    const realOrFault = async (): Promise<EmulatorResponse> => {
      try {
        return await handler(request);
      } catch (error) {
        return { status: 500, headers: { 'content-type': 'text/plain' }, body: `emulator error: ${String(error)}` };
      }
    };
    if (fault && fault.status !== undefined && !fault.afterHandler) {
      send({ status: fault.status, headers: fault.headers, body: fault.body ?? '' });
      return;
    }
    const real = await realOrFault();
    if (fault?.afterHandler) {
      if (fault.reset) {
        req.socket.destroy();
        return;
      }
      if (fault.status !== undefined) {
        send({ status: fault.status, headers: fault.headers, body: fault.body ?? '' });
        return;
      }
    }
    if (fault?.truncate) {
      const body = real.body ?? '';
      const half = typeof body === 'string' ? body.slice(0, Math.floor(body.length / 2)) : body.subarray(0, Math.floor(body.length / 2));
      send({ ...real, status: 200, body: half });
      return;
    }
    send(real);
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    inject: (rule) => faults.add(rule),
    clearFaults: () => faults.clear(),
    resetRequests: () => {
      requests.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', () => resolve(Buffer.alloc(0)));
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function json(status: number, value: unknown, headers: Record<string, string> = {}): EmulatorResponse {
  return { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers }, body: JSON.stringify(value) };
}
