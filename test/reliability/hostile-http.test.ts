/**
 * Hostile HTTP against the production server over a real socket: malformed Host headers and
 * request targets get a plain 400 without internals, on every route; every response carries the
 * security headers; GraphQL is reachable at exactly one path, so the rate limit cannot be walked
 * around; a client that sends its headers slowly loses the socket within the documented bound.
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { createHttpServer } from '../../src/server/http-server.ts';
import { testDatabase } from '../helpers/graph.ts';
import { productionYoga } from './helpers.ts';

const db = testDatabase();
const HEADERS_TIMEOUT_MS = 1_000;
let port = 0;
let close = async () => {};

beforeAll(async () => {
  const yoga = productionYoga(db, { RATE_LIMIT_MAX: '5', RATE_LIMIT_WINDOW_MS: '60000' });
  const server = createHttpServer(
    yoga,
    loadConfig({ HTTP_HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS), HTTP_REQUEST_TIMEOUT_MS: '2000' }).http,
  );
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
  port = (server.address() as { port: number }).port;
  close = () =>
    new Promise<void>((done) => {
      server.closeAllConnections();
      server.close(() => done());
    });
});
afterAll(async () => {
  await close();
  await db.close();
});

/** Sends raw bytes and returns everything the server answers before closing (or `timeoutMs`). */
function raw(request: string, timeoutMs = 5_000): Promise<{ text: string; closedAfterMs: number }> {
  return new Promise((resolve) => {
    const started = performance.now();
    const socket = connect({ host: '127.0.0.1', port });
    let text = '';
    socket.on('data', (chunk) => {
      text += chunk.toString();
    });
    const finish = () => resolve({ text, closedAfterMs: performance.now() - started });
    socket.on('close', finish);
    socket.on('error', () => {});
    socket.setTimeout(timeoutMs, () => socket.destroy());
    socket.write(request);
  });
}

const statusOf = (text: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1]);

describe('malformed requests', () => {
  for (const [name, host] of [
    ['a space', 'a b'],
    ['an unclosed IPv6 bracket', '[::1'],
    ['percent signs', '%zz'],
  ])
    for (const path of ['/graphql', '/health', '/'])
      it(`Host with ${name} on ${path}: 400, no stack, no file path`, async () => {
        const { text } = await raw(`GET ${path} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
        expect(statusOf(text)).toBe(400);
        expect(text).not.toMatch(/\bat \w|node_modules|\/work\/|src\/|TypeError|Invalid URL/);
        expect(text.toLowerCase()).toContain('x-content-type-options: nosniff');
      });

  it('an absolute-form request target: 400', async () => {
    const { text } = await raw(
      'GET http://evil.example/graphql HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n',
    );
    expect(statusOf(text)).toBe(400);
  });
});

describe('every response', () => {
  it('carries nosniff, a restrictive content security policy and no referrer', async () => {
    for (const path of ['/graphql?query=%7B__typename%7D', '/health', '/ready', '/nowhere']) {
      const response = await fetch(`http://127.0.0.1:${port}${path}`, {
        headers: { accept: 'application/json' },
      });
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(response.headers.get('content-security-policy'), path).toMatch(
        /default-src 'self'.*object-src 'none'/,
      );
      expect(response.headers.get('referrer-policy'), path).toBe('no-referrer');
    }
  });
});

describe('the rate limit', () => {
  it('cannot be walked around by another path: GraphQL answers at exactly /graphql', async () => {
    const address = { 'x-forwarded-for': '198.51.100.9' };
    const answers: number[] = [];
    for (const path of ['/graphql/', '//graphql', '/x/graphql', '/anything?x=/graphql'])
      for (let i = 0; i < 5; i++)
        answers.push(
          (
            await fetch(`http://127.0.0.1:${port}${path}`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', ...address },
              body: '{"query":"{ __typename }"}',
            })
          ).status,
        );
    expect(new Set(answers)).toEqual(new Set([404]));
  });
});

describe('slow clients', () => {
  it(`lose the socket within the headers timeout plus one second (${HEADERS_TIMEOUT_MS} ms + 1 s)`, async () => {
    // Headers that never end: the server must close the socket, not wait for the rest.
    const { text, closedAfterMs } = await raw('GET /health HTTP/1.1\r\nHost: localhost\r\nX-Slow: ', 10_000);
    expect(closedAfterMs).toBeLessThan(HEADERS_TIMEOUT_MS + 1_500);
    expect([0, 408]).toContain(Number.isNaN(statusOf(text)) ? 0 : statusOf(text));
  });
});
