/**
 * A real HTTP server for the browser tests: the concept-map page (through the same handler the
 * yoga plugin uses) in front of the API built by `testYoga`, on 127.0.0.1 and a random port.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Yoga } from '../../../src/server/yoga.ts';
import { createConceptMapHandler } from '../../../src/web/serve.ts';

export interface PageServer {
  url: string;
  close(): Promise<void>;
}

function toRequest(req: IncomingMessage, origin: string): Request {
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') headers.set(key, value);
    else if (Array.isArray(value)) headers.set(key, value.join(', '));
  }
  return new Request(new URL(req.url ?? '/', origin), { method: req.method, headers });
}

async function send(response: Response, res: ServerResponse): Promise<void> {
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(response.body ? Buffer.from(await response.arrayBuffer()) : undefined);
}

export async function startPageServer(yoga: Yoga, dir: string): Promise<PageServer> {
  const page = createConceptMapHandler({ dir });
  let origin = 'http://127.0.0.1';
  const server: Server = createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      yoga(req, res);
      return;
    }
    page(toRequest(req, origin))
      .then((response) => (response ? send(response, res) : yoga(req, res)))
      .catch((error: unknown) => {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(String(error));
      });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: origin,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
