/**
 * The Node HTTP server in front of yoga. Before yoga sees a request it refuses, with a plain 400,
 * what it could only answer with a stack trace: a malformed Host header or a request target that
 * is not a path. Slow clients lose their socket: the headers must arrive within
 * `headersTimeoutMs`, checked every second (Node's default check runs every 30 s, so the
 * documented bound would not hold).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { HttpSettings } from '../config.ts';
import { SECURITY_HEADERS } from './security-headers.ts';

/** A host name, IPv4 or bracketed IPv6 address, with an optional port. */
const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]{0,252})?|\[[0-9A-Fa-f:.]{2,45}\])(?::\d{1,5})?$/;

function refuse(res: ServerResponse, reason: string): void {
  const body = JSON.stringify({ error: `Bad request: ${reason}` });
  res.writeHead(400, { ...SECURITY_HEADERS, 'content-type': 'application/json', connection: 'close' });
  res.end(body);
}

export function createHttpServer(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
  settings: HttpSettings,
): Server {
  const server = createServer(
    {
      headersTimeout: settings.headersTimeoutMs,
      requestTimeout: settings.requestTimeoutMs,
      keepAliveTimeout: settings.keepAliveTimeoutMs,
      connectionsCheckingInterval: 1_000,
    },
    (req, res) => {
      const host = req.headers.host;
      if (host === undefined || !HOST.test(host)) return refuse(res, 'malformed or missing Host header');
      if (!req.url?.startsWith('/')) return refuse(res, 'the request target must be a path');
      handler(req, res);
    },
  );
  return server;
}
