/**
 * The contract with front ends, checked the way an outsider would: GraphQL over HTTP as specified
 * (graphql-http's own audits), a documented code and a 4xx status for every error a client can
 * provoke (never INTERNAL_SERVER_ERROR), Relay's `node`/`nodes` semantics, and a bounded number of
 * Cypher queries per request whatever its list arguments hold.
 */
import { auditServer } from 'graphql-http';
import { afterAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../src/errors.ts';
import { gql, testDatabase, testYoga } from '../helpers/graph.ts';

const db = testDatabase();
const yoga = testYoga(db, { NODE_ENV: 'production' });
afterAll(() => db.close());

const RESPONSE_JSON = 'application/graphql-response+json';

async function post(body: unknown, headers: Record<string, string> = {}) {
  const response = await yoga.fetch('http://yoga/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: RESPONSE_JSON, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
}

const conceptId = (slug: string) => Buffer.from(`Concept:${slug}`).toString('base64');

describe('GraphQL over HTTP (graphql-http audits)', () => {
  it('passes every audit, warnings and notices included (with introspection on: the audits use it)', async () => {
    const open = testYoga(db);
    const results = await auditServer({
      url: 'http://yoga/graphql',
      fetchFn: (input: string, init: RequestInit = {}) => open.fetch(new URL(input), init),
    });
    const failed = results.filter((r) => r.status !== 'ok').map((r) => `${r.status} ${r.id} ${r.name}`);
    expect(failed).toEqual([]);
    expect(results.length).toBeGreaterThan(50);
  });
});

describe('every error a client can provoke', () => {
  const deep = `${'['.repeat(40_000)}"x"${']'.repeat(40_000)}`;
  const cases: { name: string; body: unknown; status: number; code: string; argument?: string }[] = [
    { name: 'unreadable JSON', body: '{"query": ', status: 400, code: ErrorCode.BAD_REQUEST },
    { name: 'no query', body: {}, status: 400, code: ErrorCode.BAD_REQUEST },
    {
      name: 'a syntax error',
      body: { query: '{ concept(' },
      status: 400,
      code: ErrorCode.GRAPHQL_PARSE_FAILED,
    },
    {
      name: 'too many tokens',
      body: { query: `{ ${'__typename '.repeat(2100)} }` },
      status: 400,
      code: ErrorCode.GRAPHQL_PARSE_FAILED,
    },
    {
      name: 'an unknown field',
      body: { query: '{ concept(slug: "runc") { nam } }' },
      status: 400,
      code: ErrorCode.GRAPHQL_VALIDATION_FAILED,
    },
    {
      name: 'a mutation (the API only reads)',
      body: { query: 'mutation { x }' },
      status: 400,
      code: ErrorCode.GRAPHQL_VALIDATION_FAILED,
    },
    {
      name: 'a document too deep',
      body: { query: `{ concept(slug: "runc") { ${'requires { '.repeat(14)} slug ${'}'.repeat(14)} } }` },
      status: 400,
      code: ErrorCode.GRAPHQL_VALIDATION_FAILED,
    },
    {
      name: 'too many aliases',
      body: { query: `{ ${Array.from({ length: 20 }, (_, i) => `a${i}: chapters { number }`).join(' ')} }` },
      status: 400,
      code: ErrorCode.GRAPHQL_VALIDATION_FAILED,
    },
    {
      name: 'too many directives',
      body: { query: `{ chapters ${'@skip(if: false) '.repeat(12)} { number } }` },
      status: 400,
      code: ErrorCode.GRAPHQL_VALIDATION_FAILED,
    },
    {
      name: 'introspection in production',
      body: { query: '{ __schema { types { name } } }' },
      status: 400,
      code: ErrorCode.GRAPHQL_VALIDATION_FAILED,
    },
    {
      name: 'a variable of the wrong type',
      body: { query: 'query ($s: String!) { concept(slug: $s) { name } }', variables: { s: 5 } },
      status: 400,
      code: ErrorCode.BAD_USER_INPUT,
    },
    {
      name: 'a missing variable',
      body: { query: 'query ($s: String!) { concept(slug: $s) { name } }', variables: {} },
      status: 400,
      code: ErrorCode.BAD_USER_INPUT,
    },
    {
      name: 'null for a non-null variable',
      body: { query: 'query ($s: String!) { concept(slug: $s) { name } }', variables: { s: null } },
      status: 400,
      code: ErrorCode.BAD_USER_INPUT,
    },
    {
      name: 'a variable that is no value of its enum',
      body: {
        query: 'query ($d: Direction!) { path(from: "runc", to: "containerd", direction: $d) { maxLength } }',
        variables: { d: 'OUTGOIN' },
      },
      status: 400,
      code: ErrorCode.BAD_USER_INPUT,
    },
    {
      name: 'a variable nested 40,000 lists deep',
      body: `{"query": "query ($k: [String!]!) { nextToLearn(known: $k) { unlocks } }", "variables": {"k": ${deep}}}`,
      status: 400,
      code: ErrorCode.BAD_USER_INPUT,
    },
    {
      name: 'a string argument over the length limit',
      body: { query: `{ search(text: "${'x'.repeat(600)}") { score } }` },
      status: 400,
      code: ErrorCode.BAD_USER_INPUT,
    },
    {
      name: 'a document over the cost limit',
      body: {
        query:
          '{ concepts(first: 100) { edges { node { relations(first: 100) { edges { node { from { relations(first: 100) { totalCount } } } } } } } } }',
      },
      status: 400,
      code: ErrorCode.QUERY_TOO_COSTLY,
    },
    {
      name: 'an unknown slug',
      body: { query: '{ concept(slug: "contaienrd") { name } }' },
      status: 200,
      code: ErrorCode.CONCEPT_NOT_FOUND,
      argument: 'slug',
    },
    {
      name: 'an unknown chapter',
      body: { query: '{ chapter(number: 99) { title } }' },
      status: 200,
      code: ErrorCode.CHAPTER_NOT_FOUND,
    },
    {
      name: 'a page size over the cap',
      body: { query: '{ concepts(first: 101) { totalCount } }' },
      status: 200,
      code: ErrorCode.BAD_USER_INPUT,
      argument: 'first',
    },
    {
      name: 'a cursor of another list',
      body: { query: '{ concepts(first: 5, after: "bm90LWEtY3Vyc29y") { totalCount } }' },
      status: 200,
      code: ErrorCode.BAD_USER_INPUT,
      argument: 'after',
    },
    {
      name: 'a depth over the cap',
      body: { query: '{ prerequisites(slug: "runc", maxDepth: 11) { count } }' },
      status: 200,
      code: ErrorCode.BAD_USER_INPUT,
      argument: 'maxDepth',
    },
    {
      name: 'empty search text',
      body: { query: '{ search(text: "   ") { score } }' },
      status: 200,
      code: ErrorCode.BAD_USER_INPUT,
      argument: 'text',
    },
    {
      name: 'an exclude entry that is neither an ID nor a slug',
      body: { query: '{ neighborhood(slug: "runc", exclude: ["%%%"]) { truncated } }' },
      status: 200,
      code: ErrorCode.BAD_USER_INPUT,
      argument: 'exclude',
    },
    {
      name: 'a malformed global ID',
      body: { query: '{ node(id: "xx") { id } }' },
      status: 200,
      code: ErrorCode.BAD_USER_INPUT,
      argument: 'id',
    },
    {
      name: 'a global ID of a type the API does not have',
      body: { query: `{ node(id: "${Buffer.from('User:1').toString('base64')}") { id } }` },
      status: 200,
      code: ErrorCode.BAD_USER_INPUT,
      argument: 'id',
    },
    {
      name: 'more IDs than nodes takes',
      body: {
        query: 'query ($ids: [ID!]!) { nodes(ids: $ids) { id } }',
        variables: { ids: Array(101).fill('x') },
      },
      status: 200,
      code: ErrorCode.BAD_USER_INPUT,
      argument: 'ids',
    },
  ];

  for (const { name, body, status, code, argument } of cases)
    it(`${name}: HTTP ${status}, ${code}`, async () => {
      const response = await post(body);
      expect(response.status).toBe(status);
      const errors = response.body.errors as { extensions?: { code?: string; argument?: string } }[];
      expect(errors.length).toBeGreaterThan(0);
      for (const error of errors) expect(error.extensions?.code).toBeDefined();
      expect(errors[0]?.extensions?.code).toBe(code);
      if (argument) expect(errors[0]?.extensions?.argument).toBe(argument);
      // A response without data is a request error: 4xx, as GraphQL over HTTP specifies.
      if (!('data' in response.body)) expect(response.status).toBeGreaterThanOrEqual(400);
      expect(JSON.stringify(response.body)).not.toContain(ErrorCode.INTERNAL_SERVER_ERROR);
      expect(JSON.stringify(response.body)).not.toMatch(/Did you mean|Syntax Error: Query depth/);
    });

  it('a body over the size limit: HTTP 413, REQUEST_ENTITY_TOO_LARGE', async () => {
    const response = await post({ query: `{ __typename } #${'x'.repeat(200_000)}` });
    expect(response.status).toBe(413);
    expect(response.body.errors[0].extensions.code).toBe(ErrorCode.REQUEST_ENTITY_TOO_LARGE);
  });

  it('a method other than GET or POST: HTTP 405, BAD_REQUEST', async () => {
    const response = await yoga.fetch('http://yoga/graphql', { method: 'PUT', body: '{}' });
    expect(response.status).toBe(405);
    expect((await response.json()).errors[0].extensions.code).toBe(ErrorCode.BAD_REQUEST);
  });

  it('GraphQL at any other path: HTTP 404', async () => {
    for (const path of ['/graphql/', '//graphql', '/x/graphql', '/anything?x=/graphql'])
      expect((await yoga.fetch(`http://yoga${path}`, { method: 'POST', body: '{}' })).status, path).toBe(404);
  });

  it('more database queries than a request may send: QUERY_TOO_COSTLY', async () => {
    const tight = testYoga(db, { MAX_QUERIES_PER_REQUEST: '2', RESPONSE_CACHE: 'false' });
    const response = await gql(
      tight,
      '{ a: concept(slug: "runc") { slug } b: concept(slug: "containerd") { requires { slug } } c: chapters { number } }',
    );
    const codes = response.errors?.map((e) => e.extensions?.code);
    expect(codes).toContain(ErrorCode.QUERY_TOO_COSTLY);
    expect(
      response.errors?.find((e) => e.extensions?.code === ErrorCode.QUERY_TOO_COSTLY)?.extensions,
    ).toMatchObject({ maxQueries: 2 });
  });
});

describe('Relay', () => {
  it('node(id) answers null, without an error, for a well-formed ID naming nothing', async () => {
    const response = await post({ query: `{ node(id: "${conceptId('no-such-concept')}") { id } }` });
    expect(response.body).toEqual({ data: { node: null } });
  });

  it('nodes(ids) answers one entry per ID: the object, null for nothing, null with an error for a bad ID', async () => {
    const ids = [
      conceptId('runc'),
      'xx',
      conceptId('no-such-concept'),
      Buffer.from('User:1').toString('base64'),
    ];
    const response = await post({
      query: 'query ($ids: [ID!]!) { nodes(ids: $ids) { id ... on Concept { slug } } }',
      variables: { ids },
    });
    expect(response.status).toBe(200);
    expect(response.body.data.nodes).toEqual([{ id: ids[0], slug: 'runc' }, null, null, null]);
    expect(response.body.errors.map((e: { path: unknown[] }) => e.path)).toEqual([
      ['nodes', 1],
      ['nodes', 3],
    ]);
    for (const error of response.body.errors) expect(error.extensions.code).toBe(ErrorCode.BAD_USER_INPUT);
  });

  it('node resolves chapters too', async () => {
    const id = Buffer.from('Chapter:13').toString('base64');
    const response = await post({ query: `{ node(id: "${id}") { id ... on Chapter { number } } }` });
    expect(response.body.data.node).toEqual({ id, number: 13 });
  });
});

describe('work per request', () => {
  const counting = testYoga(db, { RESPONSE_CACHE: 'false' });
  const unknown = (n: number, prefix: string) =>
    Array.from({ length: n }, (_, i) => `${prefix}-unknown-${i}`);
  const ids = Array.from({ length: 100 }, (_, i) => conceptId(i % 2 ? 'runc' : `unknown-${i}`));
  const roots: [string, string, Record<string, unknown>][] = [
    ['concept', '{ concept(slug: "containerd") { slug summary chapters { number } } }', {}],
    ['concepts', '{ concepts(first: 100) { totalCount edges { node { slug requires { slug } } } } }', {}],
    ['nodes', 'query ($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids }],
    ['chapters', '{ chapters { number concepts { slug } } }', {}],
    ['search', '{ search(text: "overlay network driver", first: 50) { score concept { slug } } }', {}],
    ['prerequisites', '{ prerequisites(slug: "docker-secrets", maxDepth: 10, limit: 1000) { count } }', {}],
    ['impact', '{ impact(slug: "linux-namespaces", maxDepth: 10, limit: 1000) { count } }', {}],
    ['path', '{ path(from: "docker-cli", to: "runc", maxLength: 12) { maxLength } }', {}],
    ['neighborhood', '{ neighborhood(slug: "containerd", depth: 3, limit: 500) { truncated } }', {}],
    [
      'learningPath with every list at its cap, all unknown',
      'query ($g: [String!]!, $k: [String!]!) { learningPath(goals: $g, known: $k) { totalSteps } }',
      { g: unknown(20, 'goal'), k: unknown(500, 'known') },
    ],
    [
      'nextToLearn with every list at its cap, all unknown',
      'query ($g: [String!], $k: [String!]!) { nextToLearn(known: $k, goals: $g, first: 50) { unlocks } }',
      { g: unknown(20, 'goal'), k: unknown(500, 'known') },
    ],
    [
      'neighborhood excluding 2000 slugs',
      'query ($e: [ID!]) { neighborhood(slug: "containerd", exclude: $e, limit: 500) { truncated } }',
      { e: unknown(2000, 'held') },
    ],
    ['graphStats', '{ graphStats { concepts bottlenecks(first: 50) { slug } } }', {}],
    ['integrity', '{ integrity { ok } }', {}],
  ];

  for (const [name, query, variables] of roots)
    it(`${name}: at most 3 Cypher queries`, async () => {
      const before = db.queryCount;
      await gql(counting, query, variables);
      expect(db.queryCount - before).toBeLessThanOrEqual(3);
    });

  it('the same field in 15 aliases is read once; other arguments are read each', async () => {
    const field = (slug: string) => `impact(slug: "${slug}", maxDepth: 10, limit: 1000) { count }`;
    const aliases = (slugs: string[]) => `{ ${slugs.map((slug, i) => `a${i}: ${field(slug)}`).join(' ')} }`;
    let before = db.queryCount;
    const one = await gql(counting, `{ ${field('linux-namespaces')} }`);
    const single = db.queryCount - before;
    expect(single).toBeGreaterThan(0);

    before = db.queryCount;
    const same = await gql(counting, aliases(Array(15).fill('linux-namespaces')));
    expect(db.queryCount - before).toBe(single);
    expect(Object.values(same.data ?? {})).toEqual(Array(15).fill(one.data?.impact));

    before = db.queryCount;
    await gql(counting, aliases(['linux-namespaces', 'containerd', 'runc']));
    expect(db.queryCount - before).toBe(3 * single);
  });

  it('unknown slugs in 15 aliases: one suggestion lookup, for the first 5 unknown slugs of the request', async () => {
    const typos = [
      'containrd',
      'runcc',
      'dockr-engine',
      'overlay-drivr',
      'libnetwrk',
      'swarm-mod',
      'buildkitt',
    ];
    const fields = Array.from({ length: 15 }, (_, i) => `a${i}: nextToLearn(known: $k) { unlocks }`);
    const before = db.queryCount;
    const response = await gql(counting, `query ($k: [String!]!) { ${fields.join(' ')} }`, { k: typos });
    expect(db.queryCount - before).toBeLessThanOrEqual(3); // what to learn next, the slugs, the suggestions
    expect(response.errors?.length).toBeGreaterThan(0); // a non-null field's error nulls the rest
    for (const error of response.errors ?? []) {
      expect(error.extensions?.code).toBe(ErrorCode.CONCEPT_NOT_FOUND);
      const suggestions = error.extensions?.suggestions as Record<string, string[]>;
      expect(suggestions.containrd).toContain('containerd');
      expect(suggestions['overlay-drivr']).toContain('overlay-driver');
      expect(suggestions['swarm-mod']).toEqual([]); // the sixth: past the request's suggestions
      expect(suggestions.buildkitt).toEqual([]);
    }
  });
});
