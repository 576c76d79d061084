import { afterAll, describe, expect, it } from 'vitest';
import { gql, runCypher, testDatabase, testYoga } from '../helpers/graph.ts';

const db = testDatabase();
const yoga = testYoga(db);
afterAll(() => db.close());

type Slugged = { slug: string };

/** Prerequisite edges (REQUIRES, IS_A) among the given slugs, from the database itself. */
async function prerequisiteEdgesAmong(slugsList: string[]) {
  return runCypher<{ from: string; to: string }>(
    db,
    'MATCH (a:Concept)-[:REQUIRES|IS_A]->(b:Concept) WHERE a.slug IN $s AND b.slug IN $s RETURN a.slug AS from, b.slug AS to',
    { s: slugsList },
  );
}

describe('path', () => {
  it('goes from the Docker CLI to runc through the Engine, containerd and the shim', async () => {
    const response = await gql(
      yoga,
      `{ path(from: "docker-cli", to: "runc", types: [DEPENDS_ON], direction: OUTGOING) {
           reason path { length nodes { slug } edges { type fromSlug toSlug } } } }`,
    );
    const { path, reason } = response.data?.path;
    expect(reason).toBeNull();
    expect(path.nodes.map((n: Slugged) => n.slug)).toEqual([
      'docker-cli',
      'docker-engine',
      'containerd',
      'containerd-shim',
      'runc',
    ]);
    expect(path.length).toBe(4);
    path.edges.forEach((edge: { fromSlug: string; toSlug: string }, i: number) => {
      expect([edge.fromSlug, edge.toSlug]).toEqual([path.nodes[i].slug, path.nodes[i + 1].slug]);
    });
  });

  it('answers null with a reason when no path exists within the limit', async () => {
    const response = await gql(
      yoga,
      '{ path(from: "runc", to: "docker-cli", types: [DEPENDS_ON], direction: OUTGOING) { reason path { length } maxLength } }',
    );
    expect(response.data?.path).toEqual({ reason: 'NO_PATH_WITHIN_LIMIT', path: null, maxLength: 8 });
  });

  it('names the unknown end and suggests slugs', async () => {
    const response = await gql(yoga, '{ path(from: "docker-cli", to: "rnuc") { reason } }');
    expect(response.errors?.[0]?.extensions).toMatchObject({
      code: 'CONCEPT_NOT_FOUND',
      argument: 'to',
      slugs: ['rnuc'],
    });
  });
});

describe('prerequisites', () => {
  it('of the overlay driver include VXLAN and come in a valid study order', async () => {
    const response = await gql(
      yoga,
      `{ prerequisites(slug: "overlay-driver") { count truncated concepts { depth concept { slug } via { fromSlug toSlug type } } } }`,
    );
    const result = response.data?.prerequisites;
    expect(result.truncated).toBe(false);
    const order: string[] = result.concepts.map((c: { concept: Slugged }) => c.concept.slug);
    expect(order).toEqual(expect.arrayContaining(['vxlan', 'swarm-mode', 'layer-2-network', 'container']));
    // Valid order: every prerequisite listed comes before the concepts that require it.
    for (const { from, to } of await prerequisiteEdgesAmong(order))
      expect(order.indexOf(to)).toBeLessThan(order.indexOf(from));
    // Depth and the edge that brought it in are consistent.
    const vxlan = result.concepts.find((c: { concept: Slugged }) => c.concept.slug === 'vxlan');
    const [stored] = await runCypher<{ depth: number }>(
      db,
      `MATCH p = SHORTEST 1 (:Concept {slug: 'overlay-driver'})-[:REQUIRES|IS_A]->{1,10}(:Concept {slug: 'vxlan'})
       RETURN length(p) AS depth`,
    );
    expect(vxlan.depth).toBe(stored?.depth);
    expect(vxlan.via.toSlug).toBe('vxlan');
    expect(['REQUIRES', 'IS_A']).toContain(vxlan.via.type);
  });

  it('match the transitive closure over REQUIRES and IS_A in Neo4j', async () => {
    const response = await gql(
      yoga,
      '{ prerequisites(slug: "docker-secrets", maxDepth: 10) { concepts { concept { slug } } } }',
    );
    const expected = await runCypher<{ slug: string }>(
      db,
      "MATCH (:Concept {slug: 'docker-secrets'})-[:REQUIRES|IS_A*1..10]->(x) RETURN DISTINCT x.slug AS slug",
    );
    const got = response.data?.prerequisites.concepts.map((c: { concept: Slugged }) => c.concept.slug).sort();
    expect(got).toEqual(expected.map((r) => r.slug).sort());
    expect(got).toContain('swarm-mode');
  });

  it('say when the limit cut them short', async () => {
    const response = await gql(
      yoga,
      '{ prerequisites(slug: "overlay-driver", limit: 3) { count truncated } }',
    );
    expect(response.data?.prerequisites).toEqual({ count: 3, truncated: true });
  });
});

describe('impact', () => {
  it('of the kernel namespaces reaches runc through libcontainer (DEPENDS_ON), nearest first', async () => {
    const response = await gql(
      yoga,
      '{ impact(slug: "linux-namespaces", types: [DEPENDS_ON]) { concepts { depth concept { slug } } } }',
    );
    const concepts = response.data?.impact.concepts as { depth: number; concept: Slugged }[];
    const depthOf = (slug: string) => concepts.find((c) => c.concept.slug === slug)?.depth;
    expect(depthOf('libcontainer')).toBe(1);
    expect(depthOf('runc')).toBe(2);
    const depths = concepts.map((c) => c.depth);
    expect(depths).toEqual([...depths].sort((a, b) => a - b));
  });
});

describe('neighborhood', () => {
  it('returns the centre, its neighbours and the edges between them, ready for a concept map', async () => {
    const response = await gql(
      yoga,
      '{ neighborhood(slug: "containerd") { truncated center { slug } nodes { depth concept { id slug } } edges { fromSlug toSlug type } } }',
    );
    const { nodes, edges, truncated } = response.data?.neighborhood;
    expect(truncated).toBe(false);
    expect(nodes[0]).toMatchObject({ depth: 0, concept: { slug: 'containerd' } });
    const held = new Set(nodes.map((n: { concept: Slugged }) => n.concept.slug));
    expect(held.has('containerd-shim')).toBe(true);
    expect(held.has('docker-engine')).toBe(true);
    for (const edge of edges) expect(held.has(edge.fromSlug) && held.has(edge.toSlug)).toBe(true);
  });

  it('with exclude, returns only what the client lacks, plus the edges that connect it to what it holds', async () => {
    const first = await gql(yoga, '{ neighborhood(slug: "containerd") { nodes { concept { id slug } } } }');
    const held = first.data?.neighborhood.nodes.map(
      (n: { concept: { id: string; slug: string } }) => n.concept,
    );
    const expand = await gql(
      yoga,
      'query ($exclude: [ID!]) { neighborhood(slug: "containerd-shim", exclude: $exclude) { nodes { concept { slug } } edges { fromSlug toSlug } } }',
      { exclude: held.map((c: { id: string }) => c.id) },
    );
    const fresh = expand.data?.neighborhood.nodes.map((n: { concept: Slugged }) => n.concept.slug);
    expect(fresh).toContain('runc');
    for (const slug of held.map((c: Slugged) => c.slug)) expect(fresh).not.toContain(slug);
    expect(expand.data?.neighborhood.edges).toContainEqual({ fromSlug: 'containerd-shim', toSlug: 'runc' });
  });

  it('caps depth and limit with BAD_USER_INPUT before touching Neo4j', async () => {
    const queries = db.queryCount;
    const deep = await gql(yoga, '{ neighborhood(slug: "containerd", depth: 4) { truncated } }');
    expect(deep.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'depth', max: 3 });
    const wide = await gql(yoga, '{ neighborhood(slug: "containerd", limit: 100000) { truncated } }');
    expect(wide.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'limit',
      max: 500,
    });
    expect(db.queryCount).toBe(queries);
  });

  it('says when the limit truncated it', async () => {
    const response = await gql(
      yoga,
      '{ neighborhood(slug: "container", depth: 2, limit: 5) { truncated nodes { depth } } }',
    );
    expect(response.data?.neighborhood.truncated).toBe(true);
    expect(response.data?.neighborhood.nodes).toHaveLength(6); // the centre and 5 neighbours
  });
});
