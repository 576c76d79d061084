import { afterAll, describe, expect, it } from 'vitest';
import { buildYoga } from '../../src/server/yoga.ts';
import { captureLogger, gql, testConfig, testDatabase, testYoga } from '../helpers/graph.ts';

const LIMITS = testConfig().limits;
const db = testDatabase();
const yoga = testYoga(db);
afterAll(() => db.close());

/** Sends a document and returns the response and how many Cypher queries it caused. */
async function sendCounting(query: string, variables: Record<string, unknown> = {}) {
  const before = db.queryCount;
  const response = await gql(yoga, query, variables);
  return { response, cypher: db.queryCount - before };
}

describe('document limits (checked before any resolver runs)', () => {
  const nested = (levels: number) => {
    let selection = 'slug';
    for (let i = 0; i < levels; i++) selection = `requires { ${selection} }`;
    return `{ concept(slug: "runc") { ${selection} } }`;
  };

  it('rejects a depth-50 query without running Cypher', async () => {
    const { response, cypher } = await sendCounting(nested(49));
    expect(response.errors?.[0]?.message).toMatch(/limit of \d+ exceeded/i);
    expect(response.data).toBeUndefined();
    expect(cypher).toBe(0);
  });

  it(`rejects a cheap query just past the depth limit of ${LIMITS.maxDepth}`, async () => {
    const { response, cypher } = await sendCounting(nested(LIMITS.maxDepth));
    expect(response.errors?.[0]?.message).toMatch(/depth limit of 12/i);
    expect(cypher).toBe(0);
    const { response: allowed } = await sendCounting(nested(LIMITS.maxDepth - 3));
    expect(allowed.errors).toBeUndefined();
  });

  it('rejects a depth bypass hidden in fragments', async () => {
    const fragments = Array.from(
      { length: 13 },
      (_, i) => `fragment F${i} on Concept { requires { ...F${i + 1} } }`,
    ).join('\n');
    const { response, cypher } = await sendCounting(
      `{ concept(slug: "runc") { ...F0 } }\n${fragments}\nfragment F13 on Concept { slug }`,
    );
    expect(response.errors?.map((e) => e.message).join('\n')).toMatch(/depth limit of 12/i);
    expect(cypher).toBe(0);
  });

  it(`rejects more than ${LIMITS.maxAliases} aliases without running Cypher`, async () => {
    const aliases = Array.from({ length: 50 }, (_, i) => `a${i}: concept(slug: "runc") { slug }`).join('\n');
    const { response, cypher } = await sendCounting(`{ ${aliases} }`);
    expect(response.errors?.[0]?.message).toMatch(/alias/i);
    expect(cypher).toBe(0);
  });

  it('rejects an over-cost query, even when the operation is named __schema', async () => {
    const wide = 'slug name summary aliases tags kind background bottleneckScore degree';
    const fan = ['requires', 'requiredBy', 'dependsOn', 'dependents', 'parts', 'partOf', 'uses', 'usedBy']
      .map((f) => `${f} { ${wide} requires { ${wide} requiredBy { ${wide} } } }`)
      .join(' ');
    const { response, cypher } = await sendCounting(
      `query __schema { concepts(first: 100) { edges { node { ${fan} } } } }`,
    );
    expect(response.errors?.[0]?.message).toMatch(/cost/i);
    expect(cypher).toBe(0);
  });

  it('still answers introspection (GraphiQL needs it)', async () => {
    const { response } = await sendCounting('{ __schema { queryType { name } } }');
    expect(response.data?.__schema.queryType.name).toBe('Query');
  });
});

describe('errors a client can switch on', () => {
  it('CONCEPT_NOT_FOUND names the slug and suggests close ones', async () => {
    const response = await gql(yoga, '{ prerequisites(slug: "vxlna") { count } }');
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'CONCEPT_NOT_FOUND', slugs: ['vxlna'] });
    expect(response.errors?.[0]?.message).toContain('"vxlan"');
  });

  it('BAD_USER_INPUT names the argument and its range, before any Cypher', async () => {
    for (const [query, argument, max] of [
      ['{ prerequisites(slug: "vxlan", maxDepth: 11) { count } }', 'maxDepth', 10],
      ['{ prerequisites(slug: "vxlan", maxDepth: -1) { count } }', 'maxDepth', 10],
      ['{ impact(slug: "vxlan", limit: 5000) { count } }', 'limit', 1000],
      ['{ path(from: "runc", to: "containerd", maxLength: 13) { reason } }', 'maxLength', 12],
      ['{ nextToLearn(known: [], first: 51) { unlocks } }', 'first', 50],
    ] as const) {
      const { response, cypher } = await sendCounting(query);
      expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument, max });
      expect(response.errors?.[0]?.message).toContain(`"${argument}"`);
      expect(cypher).toBe(0);
    }
  });

  it('non-integers are refused by GraphQL itself', async () => {
    const response = await gql(yoga, '{ prerequisites(slug: "vxlan", maxDepth: 2.5) { count } }');
    expect(response.errors?.[0]?.message).toMatch(/Int/);
  });

  it('internal errors are masked, with a request id and no driver text or stack', async () => {
    // A database name that does not exist: every query fails inside Neo4j with a driver error.
    const { Database } = await import('../../src/neo4j/database.ts');
    const { inject } = await import('vitest');
    const broken = new Database({
      ...inject('neo4j'),
      database: 'no-such-database-xyz',
      queryTimeoutMs: 5_000,
    });
    const { log, lines: logged } = captureLogger();
    const masked = buildYoga({ db: broken, config: testConfig({ NODE_ENV: 'production' }), log });
    const response = await gql(masked, '{ concept(slug: "runc") { name } }');
    const error = response.errors?.[0];
    expect(error?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    const requestId = error?.extensions?.requestId as string;
    expect(error?.message).toBe(`Internal server error (request id ${requestId}).`);
    expect(JSON.stringify(response)).not.toMatch(/no-such-database|Neo4jError|stack|at \w+ \(/);
    const line = logged.map((l) => JSON.parse(l)).find((l) => l.requestId === requestId);
    expect(line).toMatchObject({ msg: 'internal error', level: 50 });
    expect(line.err.message).toMatch(/no-such-database/);
    await broken.close();
  });
});

describe('production settings', () => {
  it('refuse introspection and hide field suggestions when configured off', async () => {
    const production = testYoga(db, { NODE_ENV: 'production' });
    const introspection = await gql(production, '{ __schema { queryType { name } } }');
    expect(introspection.errors?.[0]?.message).toMatch(/introspection/i);
    const typo = await gql(production, '{ concept(slug: "runc") { nam } }');
    expect(typo.errors?.[0]?.message).not.toMatch(/Did you mean/);
    const graphiql = await production.fetch('http://yoga/graphql', { headers: { accept: 'text/html' } });
    expect(await graphiql.text()).not.toMatch(/graphiql/i);
  });
});
