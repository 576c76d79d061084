/**
 * The HTTP side of starting and stopping. The port is taken before Neo4j starts (a port in use
 * fails the start at once), and until the API is ready every request is answered 503 "starting"
 * (`/health` 200: the process is alive). On shutdown `/ready` answers 503 first, the server stops
 * accepting connections, requests in flight get until a deadline to finish (responses then carry
 * `Connection: close`), and whatever is still open after it is cut.
 *
 * Hand-written: Node's `server.close()` neither reports progress nor ends busy keep-alive
 * connections at a deadline, and yoga has no notion of a process shutting down.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Plugin } from 'graphql-yoga';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

const JSON_HEADERS = { 'content-type': 'application/json', 'cache-control': 'no-store' };

export interface DrainReport {
  /** Requests in flight when the drain began. */
  inFlightAtStart: number;
  /** Requests cut at the deadline (0 when everything finished in time). */
  cut: number;
  ms: number;
}

export class Lifecycle {
  /** Set once shutdown has begun: `/ready` answers 503 from then on. */
  draining = false;
  private inFlight = 0;
  private serve: Handler | undefined;
  private settled: (() => void) | undefined;

  /** The server's request handler: 503 "starting" until `ready()`, then the API; counts requests. */
  readonly handler: Handler = (req, res) => {
    this.inFlight += 1;
    res.once('close', () => {
      this.inFlight -= 1;
      if (this.inFlight === 0) this.settled?.();
    });
    if (this.draining) res.setHeader('connection', 'close');
    if (this.serve) return this.serve(req, res);
    const path = req.url?.split('?')[0];
    res.writeHead(path === '/health' ? 200 : 503, { ...JSON_HEADERS, 'retry-after': '5' });
    res.end(JSON.stringify({ status: 'starting' }));
  };

  /** From now on requests go to `handler` (the configured yoga). */
  ready(handler: Handler): void {
    this.serve = handler;
  }

  get requestsInFlight(): number {
    return this.inFlight;
  }

  /** `/ready` answers 503 "draining" once shutdown has begun; listed before the readiness check. */
  readinessPlugin(path = '/ready'): Plugin {
    return {
      onRequest: ({ request, endResponse, fetchAPI }) => {
        if (!this.draining || new URL(request.url).pathname !== path) return;
        endResponse(
          new fetchAPI.Response(JSON.stringify({ status: 'unavailable', reason: 'shutting down' }), {
            status: 503,
            headers: JSON_HEADERS,
          }),
        );
      },
    };
  }

  /**
   * Stops `server` gracefully: no new connections, idle keep-alive sockets closed, requests in
   * flight given `timeoutMs` to finish, then every connection closed. Resolves once the server
   * is closed.
   */
  async drain(server: Server, timeoutMs: number): Promise<DrainReport> {
    const started = performance.now();
    this.draining = true;
    const inFlightAtStart = this.inFlight;
    const closed = new Promise<void>((done) => server.close(() => done()));
    if (this.inFlight > 0) {
      let timer: NodeJS.Timeout | undefined;
      await new Promise<void>((done) => {
        this.settled = done;
        timer = setTimeout(done, timeoutMs);
      });
      clearTimeout(timer);
    }
    const cut = this.inFlight;
    // Sockets kept alive by clients that sent nothing more, and requests past the deadline.
    server.closeAllConnections();
    await closed;
    return { inFlightAtStart, cut, ms: Math.round(performance.now() - started) };
  }
}
