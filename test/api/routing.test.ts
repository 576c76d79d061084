/**
 * Scale-out, checked: replicas against a Neo4j cluster use the routing scheme (`neo4j://`,
 * `neo4j+s://`), where the driver asks the server for a routing table and sends reads to the
 * readers it names. A single Neo4j answers routing requests too, so the API runs here through
 * `neo4j://` against the shared test Neo4j and must answer exactly as through `bolt://`.
 */
import { afterAll, describe, expect, inject, it } from 'vitest';
import { Database } from '../../src/neo4j/database.ts';
import { gql, testDatabase, testYoga } from '../helpers/graph.ts';

const target = inject('neo4j');
// Equal answers, not speed, are the point: generous timeouts for a busy machine.
const direct = testDatabase({ queryTimeoutMs: 60_000 });
const routed = new Database({ ...target, uri: target.uri.replace(/^bolt/, 'neo4j'), queryTimeoutMs: 60_000 });
afterAll(async () => {
  await routed.close();
  await direct.close();
});

/**
 * The driver's routing state. It has no public API for it, so this reads its internals (a test
 * failing here after a driver upgrade means the shape changed, not that routing broke).
 */
function routingOf(db: Database) {
  const provider = (db.driver as unknown as { _connectionProvider?: Record<string, any> })
    ._connectionProvider;
  const table = provider?._routingTableRegistry?._tables?.get(db.name);
  return {
    provider: String(provider?.constructor?.name),
    readers: ((table?.readers ?? []) as unknown[]).map(String),
  };
}

const QUERIES: [name: string, query: string][] = [
  [
    'a concept and its relations',
    '{ concept(slug: "containerd") { name summary dependsOn { slug } partOf { slug } degree } }',
  ],
  [
    'a page of concepts',
    '{ concepts(first: 20, filter: { kinds: [COMPONENT] }) { totalCount edges { cursor node { slug } } pageInfo { hasNextPage endCursor } } }',
  ],
  ['search', '{ search(text: "overlay network", first: 5) { score concept { slug } } }'],
  [
    'a shortest path',
    '{ path(from: "docker-cli", to: "runc", types: [DEPENDS_ON], direction: OUTGOING) { path { nodes { slug } } } }',
  ],
  [
    'a study plan',
    '{ learningPath(goals: ["docker-secrets"], known: ["container"]) { totalSteps steps { position concept { slug } } } }',
  ],
  [
    'a neighbourhood',
    '{ neighborhood(slug: "containerd-shim", depth: 2, limit: 50) { truncated nodes { slug } edges { type } } }',
  ],
  ['graph statistics', '{ graphStats { concepts relations byKind { kind count } } }'],
  ['an unknown slug', '{ concept(slug: "contianerd") { name } }'],
];

describe('the API through the routing scheme neo4j://', () => {
  it('asks the server for a routing table and reads from the readers it names', async () => {
    expect(target.uri).toMatch(/^bolt:/);
    const { records } = await routed.read(
      'CALL dbms.routing.getRoutingTable({}, $database) YIELD servers RETURN [s IN servers | s.role] AS roles',
      { database: routed.name },
    );
    expect(records[0]?.get('roles')).toEqual(expect.arrayContaining(['ROUTE', 'READ', 'WRITE']));
    expect(routingOf(routed).provider).toBe('RoutingConnectionProvider');
    expect(routingOf(routed).readers.length).toBeGreaterThan(0);
    await direct.read('RETURN 1');
    expect(routingOf(direct).provider).toBe('DirectConnectionProvider');
  });

  it.each(QUERIES)('answers %s exactly as through bolt://', async (_name, query) => {
    const env = { RESPONSE_CACHE: 'false', EXECUTION_TIMEOUT_MS: '60000' };
    const viaRouting = await gql(testYoga(routed, env), query);
    const viaBolt = await gql(testYoga(direct, env), query);
    expect(viaRouting.status).toBe(viaBolt.status);
    expect(viaRouting).toEqual(viaBolt);
    expect(viaRouting.data ?? viaRouting.errors).toBeTruthy();
  });

  it('sends its reads through READ sessions that the routing table serves', async () => {
    const before = routed.queryCount;
    const { data } = await gql(testYoga(routed), '{ concept(slug: "runc") { name } }');
    expect(data).toEqual({ concept: { name: 'runc' } });
    expect(routed.queryCount).toBeGreaterThan(before);
    expect(routed.poolStats()).toMatchObject({ active: 0 });
    expect(routed.poolStats().idle).toBeGreaterThan(0);
  });
});
