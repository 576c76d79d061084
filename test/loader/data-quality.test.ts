/**
 * The curated graph in `data/` as a Docker engineer and a learner would check it: clean validation,
 * complete entries, acyclic prerequisite and dependency types, one connected graph, the facts the
 * reading notes state, and every `docker …` command the notes name.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adjacency, findCycles, redundantEdges } from '../../src/digraph.ts';
import { ACYCLIC_TYPES } from '../../src/domain.ts';
import { readAndValidate } from '../../src/loader/read-and-validate.ts';
import { contentChecksum } from '../../src/loader/sync.ts';
import { formatProblem } from '../../src/loader/validate.ts';
import { graphCounts, loadRealData, runCypher, testDatabase } from '../helpers/graph.ts';

const checked = readAndValidate('data');
const { concepts, relations, chapters } = checked.data;

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

describe('the curated data in data/', () => {
  describe('validation', () => {
    it('finds no error', () => {
      expect(checked.errors.map(formatProblem)).toEqual([]);
    });

    it('finds no warning: no redundant REQUIRES, no chapter left uncovered', () => {
      expect(checked.warnings.map(formatProblem)).toEqual([]);
    });

    it('has the 16 chapters of the book', () => {
      expect(chapters.map((c) => c.number)).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
    });

    it('is large enough to cover the notes: well over 120 concepts and 300 relationships', () => {
      expect(concepts.length).toBeGreaterThan(120);
      expect(relations.length).toBeGreaterThan(300);
    });
  });

  describe('every concept', () => {
    const related = new Set(relations.flatMap((r) => [r.from, r.to]));

    it('cites a chapter, has a tag and a summary of one to three sentences', () => {
      const incomplete = concepts.filter(
        (c) =>
          c.chapters.length === 0 ||
          c.tags.length === 0 ||
          c.summary.trim() === '' ||
          (c.summary.match(/[.!?](\s|$)/g) ?? []).length > 3,
      );
      expect(incomplete.map((c) => c.slug)).toEqual([]);
    });

    it('has at least one relationship', () => {
      expect(concepts.filter((c) => !related.has(c.slug)).map((c) => c.slug)).toEqual([]);
    });

    it('is reachable from every other one: the graph is weakly connected (one component)', () => {
      const parent = new Map(concepts.map((c) => [c.slug, c.slug]));
      const root = (slug: string): string => {
        let node = slug;
        while (parent.get(node) !== node) node = parent.get(node) as string;
        return node;
      };
      for (const { from, to } of relations) parent.set(root(from), root(to));
      const components = new Set(concepts.map((c) => root(c.slug)));
      expect(components.size).toBe(1);
    });

    it('is stored in Neo4j with a COVERED_IN link to each chapter it cites', async () => {
      const rows = await runCypher<{ slug: string; cited: number[]; linked: number[] }>(
        db,
        `MATCH (c:Concept)
         RETURN c.slug AS slug, c.chapters AS cited,
                COLLECT { MATCH (c)-[:COVERED_IN]->(ch:Chapter) RETURN ch.number ORDER BY ch.number } AS linked`,
      );
      expect(rows).toHaveLength(concepts.length);
      expect(rows.filter((r) => JSON.stringify(r.cited) !== JSON.stringify(r.linked))).toEqual([]);
    });
  });

  describe('every relationship', () => {
    it('carries a note saying why it holds', () => {
      expect(relations.filter((r) => !r.note?.trim()).map((r) => `${r.from} ${r.type} ${r.to}`)).toEqual([]);
    });
  });

  describe('the acyclic types (REQUIRES, DEPENDS_ON, PART_OF, EVOLVED_FROM)', () => {
    for (const type of ACYCLIC_TYPES) {
      it(`${type} has no cycle`, () => {
        expect(findCycles(adjacency(relations.filter((r) => r.type === type)))).toEqual([]);
      });
    }

    it('REQUIRES has no edge already implied transitively', () => {
      expect(redundantEdges(adjacency(relations.filter((r) => r.type === 'REQUIRES')))).toEqual([]);
    });

    for (const type of ACYCLIC_TYPES) {
      it(`${type} has no cycle in Neo4j either, up to length 10`, async () => {
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
      ['overlay-driver', 'USES', 'vxlan'],
      ['docker-secrets', 'REQUIRES', 'swarm-mode'],
      ['docker-compose', 'EVOLVED_FROM', 'fig'],
      ['cnm-sandbox', 'PART_OF', 'container-network-model'],
      ['cnm-endpoint', 'PART_OF', 'container-network-model'],
      ['cnm-network', 'PART_OF', 'container-network-model'],
      ['oci-image-spec', 'PART_OF', 'oci'],
      ['oci-runtime-spec', 'PART_OF', 'oci'],
      ['oci-distribution-spec', 'PART_OF', 'oci'],
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
    ])('"%s" is an alias of %s and finds it through the full-text index', async (alias, slug) => {
      expect(concepts.find((c) => c.slug === slug)?.aliases).toContain(alias);
      const hits = await runCypher<{ slug: string }>(
        db,
        `CALL db.index.fulltext.queryNodes('concept_search', $alias) YIELD node
         RETURN node.slug AS slug LIMIT 3`,
        { alias },
      );
      expect(hits.map((h) => h.slug)).toContain(slug);
    });
  });

  describe('coverage of the reading notes', () => {
    // Every `docker …` command that notes/docker-deep-dive-reading-notes.txt names (chapters 4-12).
    const NOTES_COMMANDS = [
      'docker pull',
      'docker images',
      'docker inspect',
      'docker manifest inspect',
      'docker buildx imagetools',
      'docker rmi',
      'docker run',
      'docker ps',
      'docker exec',
      'docker stop',
      'docker restart',
      'docker rm',
      'docker debug',
      'docker init',
      'docker build',
      'docker tag',
      'docker push',
      'docker history',
      'docker swarm init',
      'docker stack deploy',
      'docker stack ls',
      'docker stack ps',
      'docker stack services',
      'docker stack rm',
    ];
    // The notes also name `docker scout` and `docker compose`: the roots of CLI plugins, modelled as
    // the product/tool (with that alias) whose subcommands are the COMMAND concepts.
    const PLUGIN_ROOTS = [
      ['docker scout', 'docker-scout'],
      ['docker compose', 'docker-compose'],
    ] as const;

    const commandNamed = (command: string) =>
      concepts.find((c) => c.kind === 'COMMAND' && (c.name === command || c.aliases.includes(command)));

    it.each(NOTES_COMMANDS)('`%s` is a COMMAND concept', (command) => {
      expect(commandNamed(command)?.name).toBe(command);
    });

    it.each(PLUGIN_ROOTS)('`%s` finds %s, which has COMMAND subcommands', (command, slug) => {
      const concept = concepts.find((c) => c.slug === slug);
      expect(concept?.aliases).toContain(command);
      const subcommands = relations.filter(
        (r) =>
          r.type === 'PART_OF' &&
          r.to === slug &&
          concepts.find((c) => c.slug === r.from)?.kind === 'COMMAND',
      );
      expect(subcommands.length).toBeGreaterThan(0);
    });

    it.each([
      'runc',
      'containerd',
      'containerd-shim',
      'libcontainer',
      'oci',
      'cncf',
      'moby',
      'docker-desktop',
      'multipass',
      'docker-scout',
      'docker-debug',
      'docker-build-cloud',
      'docker-model-runner',
      'buildkit',
      'buildx',
      'webassembly',
      'kubernetes',
      'macvlan-driver',
      'vtep',
      'capabilities',
      'seccomp',
      'apparmor',
      'selinux',
      'docker-content-trust',
    ])('names %s', (slug) => {
      expect(concepts.some((c) => c.slug === slug)).toBe(true);
    });
  });
});
