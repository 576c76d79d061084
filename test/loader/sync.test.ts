/**
 * The loader as a sync against the real test Neo4j: idempotent, removals follow the files, a
 * failure midway leaves the previous graph intact, and the schema the API relies on exists.
 * Works on the small fixture graph in `test/fixtures/data/sync-*` and puts the real data back.
 */
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, beforeEach, describe, expect, inject, it } from 'vitest';
import type { GraphData } from '../../src/loader/data-files.ts';
import { readAndValidate } from '../../src/loader/read-and-validate.ts';
import { contentChecksum, InjectedFault, syncGraph } from '../../src/loader/sync.ts';
import { FULLTEXT_INDEX } from '../../src/neo4j/graph-schema.ts';
import { graphCounts, loadRealData, runCypher, testDatabase } from '../helpers/graph.ts';

const db = testDatabase({ queryTimeoutMs: 30_000 });
afterAll(async () => {
  await loadRealData(db);
  await db.close();
});

function fixtureData(name: string): GraphData {
  const checked = readAndValidate(resolve(`test/fixtures/data/${name}`));
  if (checked.errors.length > 0) throw new Error(`fixture ${name} is invalid`);
  return checked.data;
}

/** Everything stored, in a stable order; `loadedAt` only when asked (it changes on every load). */
async function dump(options: { withLoadedAt?: boolean } = {}) {
  const nodes = await runCypher(
    db,
    `MATCH (n)
     WITH n, labels(n) AS labels, properties(n) AS props
     RETURN labels, props {.*, loadedAt: toString(props.loadedAt)} AS props
     ORDER BY labels[0], coalesce(n.slug, toString(n.number), n.id)`,
  );
  const relationships = await runCypher(
    db,
    `MATCH (a)-[r]->(b)
     RETURN coalesce(a.slug, toString(a.number)) AS from, type(r) AS type,
            coalesce(b.slug, toString(b.number)) AS to, properties(r) AS props
     ORDER BY from, type, to`,
  );
  if (!options.withLoadedAt)
    for (const node of nodes) delete (node.props as Record<string, unknown>).loadedAt;
  return { nodes, relationships };
}

const slugs = async () =>
  (await runCypher<{ slug: string }>(db, 'MATCH (c:Concept) RETURN c.slug AS slug ORDER BY slug')).map(
    (r) => r.slug,
  );

const base = fixtureData('sync-base');

describe('syncing the graph into Neo4j', () => {
  beforeEach(async () => {
    await syncGraph(db, base);
  });

  describe('when the same files are loaded twice', () => {
    it('gives the same graph: same counts, same checksum, and the second load creates and deletes nothing', async () => {
      const first = await dump();
      const countsFirst = await graphCounts(db);
      const report = await syncGraph(db, base);

      expect(report).toMatchObject({
        nodesCreated: 0,
        nodesDeleted: 0,
        relationshipsCreated: 0,
        relationshipsDeleted: 0,
        checksum: contentChecksum(base),
      });
      expect(await graphCounts(db)).toEqual(countsFirst);
      expect(await dump()).toEqual(first);
    });

    it('holds exactly what the files say: 9 concepts, 2 chapters, 12 relationships and one COVERED_IN per chapter cited', async () => {
      const counts = await graphCounts(db);
      // 9 concepts + 2 chapters + the GraphMeta node; 12 relationships + 9 COVERED_IN.
      expect(counts).toEqual({ nodes: 12, relationships: 21, checksum: contentChecksum(base) });
      const [shim] = await runCypher(
        db,
        `MATCH (:Concept {slug: 'containerd-shim'})-[r:DEPENDS_ON]->(:Concept {slug: 'runc'})
         RETURN r.note AS note, r.chapter AS chapter`,
      );
      expect(shim).toEqual({ note: 'Calls runc to create the container.', chapter: 2 });
    });
  });

  describe('when an entry is removed from the files', () => {
    it('removes the concept, its relationships and its chapter link, and nothing else', async () => {
      const before = await dump();
      const report = await syncGraph(db, fixtureData('sync-entry-removed'));

      expect(await slugs()).not.toContain('libnetwork');
      const [left] = await runCypher<{ n: number }>(
        db,
        `MATCH (a)-[r]-(b) WHERE a.slug = 'libnetwork' OR b.slug = 'libnetwork' RETURN count(r) AS n`,
      );
      expect(left?.n).toBe(0);
      // Its PART_OF and USES relationships and its COVERED_IN.
      expect(report).toMatchObject({ nodesDeleted: 1, relationshipsDeleted: 3, nodesCreated: 0 });

      const after = await dump();
      const notLibnetwork = (r: Record<string, unknown>) => r.from !== 'libnetwork' && r.to !== 'libnetwork';
      expect(after.relationships).toEqual(before.relationships.filter(notLibnetwork));
      expect(after.nodes.filter((n) => (n.props as { slug?: string }).slug !== undefined)).toEqual(
        before.nodes.filter((n) => {
          const slug = (n.props as { slug?: string }).slug;
          return slug !== undefined && slug !== 'libnetwork';
        }),
      );
    });
  });

  describe('when one relationship is removed from the files', () => {
    it('removes exactly that relationship', async () => {
      const before = await dump();
      const report = await syncGraph(db, fixtureData('sync-relationship-removed'));

      expect(report).toMatchObject({ nodesDeleted: 0, relationshipsDeleted: 1, relationshipsCreated: 0 });
      const after = await dump();
      const removed = before.relationships.filter(
        (r) => !after.relationships.some((s) => JSON.stringify(s) === JSON.stringify(r)),
      );
      expect(removed).toEqual([
        {
          from: 'runc',
          type: 'IMPLEMENTS',
          to: 'oci-runtime-spec',
          props: { note: 'The reference implementation of the runtime spec.' },
        },
      ]);
      expect(after.relationships).toHaveLength(before.relationships.length - 1);
      expect(after.nodes.filter((n) => !(n.labels as string[]).includes('GraphMeta'))).toEqual(
        before.nodes.filter((n) => !(n.labels as string[]).includes('GraphMeta')),
      );
    });
  });

  describe('when a summary changes', () => {
    it('updates the stored summary and the checksum, creating no node', async () => {
      const changed = structuredClone(base);
      const runc = changed.concepts.find((c) => c.slug === 'runc');
      if (!runc) throw new Error('runc missing from the fixture');
      runc.summary = 'The reference OCI runtime, a small CLI around libcontainer.';

      const report = await syncGraph(db, changed);

      expect(report).toMatchObject({ nodesCreated: 0, nodesDeleted: 0, relationshipsCreated: 0 });
      const [stored] = await runCypher(db, "MATCH (c:Concept {slug: 'runc'}) RETURN c.summary AS summary");
      expect(stored?.summary).toBe('The reference OCI runtime, a small CLI around libcontainer.');
      const counts = await graphCounts(db);
      expect(counts.checksum).toBe(contentChecksum(changed));
      expect(counts.checksum).not.toBe(contentChecksum(base));
    });
  });

  describe('when the load fails midway', () => {
    // With two rows per batch the changed data takes 12 batches: 1 for chapters, 4 for concepts,
    // then 7 for relationships, which come after the deletion of removed entries.
    const batchSize = 2;

    /** A load that would remove libnetwork, change a summary and drop a chapter link. */
    function changedData(): GraphData {
      const data = structuredClone(fixtureData('sync-entry-removed'));
      const shim = data.concepts.find((c) => c.slug === 'containerd-shim');
      if (!shim) throw new Error('containerd-shim missing from the fixture');
      shim.summary = 'A changed summary that must never be visible.';
      shim.chapters = [1];
      return data;
    }

    const failures = [
      { failAfterBatches: 3, reached: 'writing 8 concepts' },
      {
        failAfterBatches: 12,
        reached: 'removing concepts, chapters and chapter links no longer in the files',
      },
    ];
    for (const { failAfterBatches, reached } of failures) {
      it(`leaves the previous graph exactly as it was (injected failure after ${failAfterBatches} batches)`, async () => {
        const counts = await graphCounts(db);
        const before = await dump({ withLoadedAt: true });
        const progress: string[] = [];

        await expect(
          syncGraph(db, changedData(), {
            batchSize,
            failAfterBatches,
            onProgress: (line) => progress.push(line),
          }),
        ).rejects.toThrow(InjectedFault);

        // The load really was part-way: it had written batches and reached this step.
        expect(progress).toContain(reached);
        expect(progress).not.toContain('committing');
        expect(await graphCounts(db)).toEqual(counts);
        expect(await dump({ withLoadedAt: true })).toEqual(before);
        const [shim] = await runCypher(
          db,
          "MATCH (c:Concept {slug: 'containerd-shim'}) RETURN c.summary AS summary, c.chapters AS chapters",
        );
        expect(shim).toEqual({
          summary: 'Sits between containerd and the low-level runtime.',
          chapters: [2],
        });
        expect(await slugs()).toContain('libnetwork');
      });
    }

    it('leaves the previous graph intact when Neo4j itself refuses a batch', async () => {
      const counts = await graphCounts(db);
      const before = await dump({ withLoadedAt: true });
      const data = changedData();
      const last = data.concepts.at(-1);
      if (!last) throw new Error('empty fixture');
      // A map is not a valid property value: Neo4j fails the last concept batch.
      (last as unknown as { summary: unknown }).summary = { not: 'a string' };

      await expect(syncGraph(db, data, { batchSize })).rejects.toThrow(/Property values can only be/);

      expect(await graphCounts(db)).toEqual(counts);
      expect(await dump({ withLoadedAt: true })).toEqual(before);
    });
  });

  describe('when two loads of the same files run at the same time', () => {
    it('produces no duplicate concepts', async () => {
      // Start with no concepts so that both loads race to create every one of them.
      await runCypher(db, 'MATCH (n) WHERE n:Concept OR n:GraphMeta DETACH DELETE n');

      const results = await Promise.allSettled([syncGraph(db, base), syncGraph(db, base)]);

      expect(results.some((r) => r.status === 'fulfilled')).toBe(true);
      for (const result of results) {
        // Neo4j may break a deadlock between the two by failing one; that one then changed nothing.
        if (result.status === 'rejected') expect(String(result.reason)).toMatch(/deadlock|transient/i);
      }
      const duplicates = await runCypher(
        db,
        'MATCH (c:Concept) WITH c.slug AS slug, count(*) AS n WHERE n > 1 RETURN slug, n',
      );
      expect(duplicates).toEqual([]);
      expect(await slugs()).toEqual(base.concepts.map((c) => c.slug).sort());
      const [edges] = await runCypher<{ n: number }>(
        db,
        `MATCH (a:Concept)-[r]->(b:Concept)
         WITH a, type(r) AS type, b, count(r) AS n WHERE n > 1 RETURN count(*) AS n`,
      );
      expect(edges?.n).toBe(0);
      expect((await graphCounts(db)).relationships).toBe(21);
    });
  });

  describe('the schema the API relies on', () => {
    it('has the uniqueness constraints on concept slugs and chapter numbers', async () => {
      const constraints = await runCypher(
        db,
        `SHOW CONSTRAINTS YIELD name, type, labelsOrTypes, properties
         WHERE name IN ['concept_slug', 'chapter_number']
         RETURN name, type, labelsOrTypes, properties ORDER BY name`,
      );
      expect(constraints).toEqual([
        { name: 'chapter_number', type: 'UNIQUENESS', labelsOrTypes: ['Chapter'], properties: ['number'] },
        { name: 'concept_slug', type: 'UNIQUENESS', labelsOrTypes: ['Concept'], properties: ['slug'] },
      ]);
    });

    it('enforces the slug constraint', async () => {
      await expect(runCypher(db, "CREATE (:Concept {slug: 'runc'})")).rejects.toThrow(/already exists/);
    });

    it('has the full-text index over name, aliases and summary, online', async () => {
      const indexes = await runCypher(
        db,
        `SHOW INDEXES YIELD name, type, labelsOrTypes, properties, state
         WHERE type = 'FULLTEXT' RETURN name, labelsOrTypes, properties, state`,
      );
      expect(indexes).toEqual([
        {
          name: FULLTEXT_INDEX,
          labelsOrTypes: ['Concept'],
          properties: ['name', 'aliasText', 'summary', 'searchKeys'],
          state: 'ONLINE',
        },
      ]);
      const hits = await runCypher<{ slug: string }>(
        db,
        'CALL db.index.fulltext.queryNodes($index, "dockerd") YIELD node RETURN node.slug AS slug',
        { index: FULLTEXT_INDEX },
      );
      expect(hits.map((h) => h.slug)).toContain('docker-engine');
    });
  });

  describe('the schema step of a load', () => {
    it('recreates an index that went missing, and leaves the others alone', async () => {
      await runCypher(db, 'DROP INDEX concept_kind');
      await syncGraph(db, base);
      const indexes = await runCypher<{ name: string }>(
        db,
        `SHOW INDEXES YIELD name, state WHERE state = 'ONLINE' AND name IN ['concept_kind', 'concept_sort', 'concept_slug']
         RETURN name ORDER BY name`,
      );
      expect(indexes.map((i) => i.name)).toEqual(['concept_kind', 'concept_slug', 'concept_sort']);
    });
  });

  describe('through `npm run load -- --data <dir>`', () => {
    it('loads a valid directory, exits with code 0 and reports what it did', async () => {
      await runCypher(db, "MATCH (c:Concept {slug: 'docker-run'}) DETACH DELETE c");
      const target = inject('neo4j');
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        NEO4J_URI: target.uri,
        NEO4J_DATABASE: target.database,
      };
      if (target.password) Object.assign(env, { NEO4J_USER: target.user, NEO4J_PASSWORD: target.password });
      else env.NEO4J_AUTH = 'none';

      const { code, stderr } = await new Promise<{ code: number; stderr: string }>((done) => {
        execFile(
          process.execPath,
          ['--import', 'tsx', 'src/cli/load.ts', '--data', 'test/fixtures/data/sync-base'],
          { env, timeout: 120_000 },
          (error, _stdout, stderrText) =>
            done({
              code: error ? (typeof error.code === 'number' ? error.code : -1) : 0,
              stderr: stderrText,
            }),
        );
      });

      expect(code).toBe(0);
      expect(stderr).toContain(
        'test/fixtures/data/sync-base is valid: 2 chapters, 9 concepts, 12 relationships',
      );
      expect(stderr).toMatch(
        /loaded in [\d.]+ s: 9 concepts, 12 relationships, 2 chapters \(nodes \+1\/-0, relationships \+2\/-0, checksum [0-9a-f]{16}\)/,
      );
      expect(await graphCounts(db)).toEqual({
        nodes: 12,
        relationships: 21,
        checksum: contentChecksum(base),
      });
    });
  });
});
