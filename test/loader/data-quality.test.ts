/**
 * The curated graph once it is in Neo4j: every concept stored with its chapters and its study time,
 * the IS_A edges and the acyclic types as in the files, the runtime chain a Docker engineer
 * expects, and the aliases found through the full-text index. The checks that need only the files
 * are in test/unit/loader/curated-data.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACYCLIC_TYPES, PREREQUISITE_TYPES } from '../../src/domain.ts';
import { readAndValidate } from '../../src/loader/read-and-validate.ts';
import { contentChecksum } from '../../src/loader/sync.ts';
import { FULLTEXT_INDEX } from '../../src/neo4j/graph-schema.ts';
import { graphCounts, loadRealData, runCypher, testDatabase } from '../helpers/graph.ts';

const checked = readAndValidate('data');
const { concepts, relations } = checked.data;

const db = testDatabase();
beforeAll(async () => {
  // The Cypher checks below read the loaded graph; make sure it is the real data.
  if ((await graphCounts(db)).checksum !== contentChecksum(checked.data)) await loadRealData(db);
});
afterAll(() => db.close());

/** True when `from -[type]-> to` is stored in Neo4j. */
async function stored(from: string, type: string, to: string): Promise<boolean> {
  const [row] = await runCypher<{ n: number }>(
    db,
    `MATCH (:Concept {slug: $from})-[r]->(:Concept {slug: $to}) WHERE type(r) = $type RETURN count(r) AS n`,
    { from, to, type },
  );
  return (row?.n ?? 0) > 0;
}

describe('the curated data in Neo4j', () => {
  describe('every concept', () => {
    it('is stored with a COVERED_IN link to each chapter it cites', async () => {
      const rows = await runCypher<{ slug: string; cited: number[]; linked: number[] }>(
        db,
        `MATCH (c:Concept)
         RETURN c.slug AS slug, c.chapters AS cited,
                COLLECT { MATCH (c)-[:COVERED_IN]->(ch:Chapter) RETURN ch.number ORDER BY ch.number } AS linked`,
      );
      expect(rows).toHaveLength(concepts.length);
      expect(rows.filter((r) => JSON.stringify(r.cited) !== JSON.stringify(r.linked))).toEqual([]);
    });

    it('is stored with the study time the files give it', async () => {
      const rows = await runCypher<{ slug: string; minutes: number | null }>(
        db,
        'MATCH (c:Concept) RETURN c.slug AS slug, c.estimatedMinutes AS minutes ORDER BY slug',
      );
      const expected = concepts
        .map((c) => ({ slug: c.slug, minutes: c.estimatedMinutes }))
        .sort((a, b) => (a.slug < b.slug ? -1 : 1));
      expect(rows).toEqual(expected);
      expect(rows.every((r) => typeof r.minutes === 'number')).toBe(true);
    });
  });

  describe('the prerequisite types', () => {
    it('store every IS_A of the files, with its note', async () => {
      const rows = await runCypher<{ from: string; to: string; note: string }>(
        db,
        'MATCH (a:Concept)-[r:IS_A]->(b:Concept) RETURN a.slug AS from, b.slug AS to, r.note AS note',
      );
      const expected = relations
        .filter((r) => r.type === 'IS_A')
        .map((r) => ({ from: r.from, to: r.to, note: r.note }));
      expect(rows).toHaveLength(expected.length);
      expect(rows).toEqual(expect.arrayContaining(expected));
    });

    it(`${PREREQUISITE_TYPES.join(' and ')} together have no cycle in Neo4j, up to length 10`, async () => {
      const [row] = await runCypher<{ n: number }>(
        db,
        `MATCH (c:Concept) WHERE EXISTS { (c)-[:${PREREQUISITE_TYPES.join('|')}*1..10]->(c) } RETURN count(c) AS n`,
      );
      expect(row?.n).toBe(0);
    });

    for (const type of ACYCLIC_TYPES) {
      it(`${type} has no cycle in Neo4j, up to length 10`, async () => {
        // `type` comes from the domain's whitelist.
        const [row] = await runCypher<{ n: number }>(
          db,
          `MATCH (c:Concept) WHERE EXISTS { (c)-[:${type}*1..10]->(c) } RETURN count(c) AS n`,
        );
        expect(row?.n).toBe(0);
      });
    }
  });

  describe('facts a Docker engineer would check', () => {
    it('Docker Engine reaches namespaces and cgroups through containerd, the shim, runc and libcontainer (DEPENDS_ON)', async () => {
      const chain = [
        ['docker-engine', 'containerd'],
        ['containerd', 'containerd-shim'],
        ['containerd-shim', 'runc'],
        ['runc', 'libcontainer'],
        ['libcontainer', 'linux-namespaces'],
        ['libcontainer', 'control-groups'],
      ] as const;
      for (const [from, to] of chain)
        expect(await stored(from, 'DEPENDS_ON', to), `${from} → ${to}`).toBe(true);
    });

    it('containerd and runc are linked through containerd-shim, not directly', async () => {
      const [row] = await runCypher<{ path: string[] }>(
        db,
        `MATCH p = shortestPath((:Concept {slug: 'containerd'})-[:DEPENDS_ON*..4]->(:Concept {slug: 'runc'}))
         RETURN [n IN nodes(p) | n.slug] AS path`,
      );
      expect(row?.path).toEqual(['containerd', 'containerd-shim', 'runc']);
    });

    it.each([
      ['libnetwork', 'IMPLEMENTS', 'container-network-model'],
      ['runc', 'IMPLEMENTS', 'oci-runtime-spec'],
      ['runc', 'IS_A', 'low-level-runtime'],
      ['overlay-driver', 'USES', 'vxlan'],
      ['overlay-driver', 'IS_A', 'network-driver'],
      ['overlay-driver', 'REQUIRES', 'vtep'],
      ['docker-secrets', 'DEPENDS_ON', 'swarm-mode'],
      ['docker-compose', 'EVOLVED_FROM', 'fig'],
      ['docker-engine', 'EVOLVED_FROM', 'monolithic-docker-daemon'],
      ['cnm-sandbox', 'PART_OF', 'container-network-model'],
      ['cnm-endpoint', 'PART_OF', 'container-network-model'],
      ['cnm-network', 'PART_OF', 'container-network-model'],
      ['oci', 'MANAGES', 'oci-image-spec'],
      ['oci', 'MANAGES', 'oci-runtime-spec'],
      ['oci', 'MANAGES', 'oci-distribution-spec'],
      ['kubernetes', 'RELATED_TO', 'cncf'], // hosted by, not a component of
    ])('%s %s %s', async (from, type, to) => {
      expect(await stored(from, type, to)).toBe(true);
    });

    it('every COMMAND operates on something', async () => {
      const rows = await runCypher<{ slug: string }>(
        db,
        `MATCH (c:Concept {kind: 'COMMAND'}) WHERE NOT (c)-[:OPERATES_ON]->(:Concept)
         RETURN c.slug AS slug`,
      );
      expect(rows).toEqual([]);
      const [count] = await runCypher<{ n: number }>(
        db,
        "MATCH (c:Concept {kind: 'COMMAND'}) RETURN count(c) AS n",
      );
      expect(count?.n).toBe(concepts.filter((c) => c.kind === 'COMMAND').length);
    });

    it.each([
      ['dockerd', 'docker-engine'],
      ['k8s', 'kubernetes'],
      ['CNM', 'container-network-model'],
      ['cgroups', 'control-groups'],
      ['shim', 'containerd-shim'],
      ['runsc', 'gvisor'],
    ])('"%s" is an alias of %s and finds it through the full-text index', async (alias, slug) => {
      expect(concepts.find((c) => c.slug === slug)?.aliases).toContain(alias);
      const hits = await runCypher<{ slug: string }>(
        db,
        `CALL db.index.fulltext.queryNodes($index, $alias) YIELD node
         RETURN node.slug AS slug LIMIT 3`,
        { alias, index: FULLTEXT_INDEX },
      );
      expect(hits.map((h) => h.slug)).toContain(slug);
    });
  });
});
