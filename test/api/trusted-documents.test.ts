/**
 * Trusted documents: front ends send the hash of a document from the committed manifest; in
 * `only` mode nothing else runs.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { testDatabase, testYoga } from '../helpers/graph.ts';

const db = testDatabase();
const dir = mkdtempSync(join(tmpdir(), 'trusted-'));
const manifest = join(dir, 'persisted-documents.json');
const DOCUMENT = 'query Runc { concept(slug: "runc") { slug name } }';
const HASH = createHash('sha256').update(DOCUMENT).digest('hex');
writeFileSync(manifest, JSON.stringify({ [HASH]: DOCUMENT }));
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await db.close();
});

async function send(yoga: ReturnType<typeof testYoga>, body: unknown) {
  const response = await yoga.fetch('http://yoga/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

const byHash = (hash: string) => ({ extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });

describe('trusted documents', () => {
  const only = testYoga(db, { TRUSTED_DOCUMENTS: 'only', TRUSTED_DOCUMENTS_FILE: manifest });
  const accept = testYoga(db, { TRUSTED_DOCUMENTS: 'accept', TRUSTED_DOCUMENTS_FILE: manifest });

  it('run a document of the manifest by its hash', async () => {
    for (const yoga of [only, accept]) {
      const response = await send(yoga, byHash(HASH));
      expect(response.body).toEqual({ data: { concept: { slug: 'runc', name: 'runc' } } });
    }
  });

  it('refuse, in only mode, a document sent in full: 400 PERSISTED_QUERY_ONLY', async () => {
    const response = await send(only, { query: DOCUMENT });
    expect(response.status).toBe(400);
    expect(response.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_ONLY');
    expect((await send(accept, { query: DOCUMENT })).body.data.concept.slug).toBe('runc');
  });

  it('answer an unknown hash with 400 PERSISTED_QUERY_NOT_FOUND', async () => {
    const response = await send(only, byHash('0'.repeat(64)));
    expect(response.status).toBe(400);
    expect(response.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });
});
