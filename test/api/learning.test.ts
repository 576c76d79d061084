import { afterAll, describe, expect, it } from 'vitest';
import { gql, runCypher, testDatabase, testYoga } from '../helpers/graph.ts';

const db = testDatabase();
const yoga = testYoga(db);
afterAll(() => db.close());

const LEARNING_PATH = /* GraphQL */ `
  query ($goals: [String!]!, $known: [String!]) {
    learningPath(goals: $goals, known: $known) {
      totalSteps truncated
      steps { position isGoal concept { slug } neededFor { slug } via { fromSlug toSlug } }
      skipped { reason concept { slug } }
    }
  }
`;

const closureOf = async (slugs: string[]) =>
  (
    await runCypher<{ slug: string }>(
      db,
      'MATCH (k:Concept) WHERE k.slug IN $slugs MATCH (k)-[:REQUIRES|IS_A*0..30]->(x) RETURN DISTINCT x.slug AS slug',
      { slugs },
    )
  ).map((r) => r.slug);

describe('learningPath', () => {
  it('for the overlay driver lists VXLAN before the overlay driver, every prerequisite before what needs it', async () => {
    const response = await gql(yoga, LEARNING_PATH, { goals: ['overlay-driver'] });
    expect(response.errors).toBeUndefined();
    const path = response.data?.learningPath;
    const order: string[] = path.steps.map((s: { concept: { slug: string } }) => s.concept.slug);
    expect(order.indexOf('vxlan')).toBeGreaterThanOrEqual(0);
    expect(order.indexOf('vxlan')).toBeLessThan(order.indexOf('overlay-driver'));
    expect(order.at(-1)).toBe('overlay-driver');
    expect(path.steps.at(-1).isGoal).toBe(true);
    expect(path.totalSteps).toBe(order.length);
    expect(new Set(order)).toEqual(new Set(await closureOf(['overlay-driver'])));
    const edges = await runCypher<{ from: string; to: string }>(
      db,
      'MATCH (a:Concept)-[:REQUIRES|IS_A]->(b:Concept) WHERE a.slug IN $s AND b.slug IN $s RETURN a.slug AS from, b.slug AS to',
      { s: order },
    );
    for (const { from, to } of edges) expect(order.indexOf(to)).toBeLessThan(order.indexOf(from));
    expect(
      path.steps.every((s: { neededFor: { slug: string }[] }) =>
        s.neededFor.some((g) => g.slug === 'overlay-driver'),
      ),
    ).toBe(true);
  });

  it('skips what the learner knows and everything that knowledge implies', async () => {
    const known = ['container', 'layer-2-network'];
    const response = await gql(yoga, LEARNING_PATH, { goals: ['overlay-driver'], known });
    const path = response.data?.learningPath;
    const order: string[] = path.steps.map((s: { concept: { slug: string } }) => s.concept.slug);
    const implied = await closureOf(known);
    expect(implied).toEqual(expect.arrayContaining(['image', 'process', 'linux-kernel']));
    for (const slug of implied) expect(order).not.toContain(slug);
    const skipped = Object.fromEntries(
      path.skipped.map((s: { reason: string; concept: { slug: string } }) => [s.concept.slug, s.reason]),
    );
    expect(skipped.container).toBe('KNOWN');
    expect(skipped.process).toBe('IMPLIED');
    expect(order).toContain('vxlan');
  });

  it('merges several goals and says which goal needs each step', async () => {
    const response = await gql(yoga, LEARNING_PATH, { goals: ['docker-secrets', 'seccomp'] });
    const steps = response.data?.learningPath.steps as {
      concept: { slug: string };
      neededFor: { slug: string }[];
    }[];
    const neededFor = (slug: string) =>
      steps
        .find((s) => s.concept.slug === slug)
        ?.neededFor.map((g) => g.slug)
        .sort();
    expect(neededFor('swarm-mode')).toEqual(['docker-secrets']);
    expect(neededFor('syscall')).toEqual(['seccomp']);
    expect(neededFor('container')).toEqual(['docker-secrets', 'seccomp']);
  });

  it('is empty when the goal itself is known', async () => {
    const response = await gql(yoga, LEARNING_PATH, { goals: ['vxlan'], known: ['overlay-driver'] });
    expect(response.data?.learningPath.totalSteps).toBe(0);
  });

  it('reports unknown goals and known slugs as CONCEPT_NOT_FOUND, and caps the goal count', async () => {
    const unknown = await gql(yoga, LEARNING_PATH, { goals: ['overlay-drivr'], known: [] });
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'CONCEPT_NOT_FOUND', argument: 'goals' });
    expect(
      (unknown.errors?.[0]?.extensions?.suggestions as Record<string, string[]>)['overlay-drivr'],
    ).toContain('overlay-driver');
    const tooMany = await gql(yoga, LEARNING_PATH, { goals: Array.from({ length: 21 }, () => 'vxlan') });
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'goals',
      max: 20,
    });
  });
});

describe('nextToLearn', () => {
  it('suggests only concepts whose prerequisites are all known, ranked by what they unlock', async () => {
    const known = ['container', 'image'];
    const response = await gql(
      yoga,
      'query ($known: [String!]!) { nextToLearn(known: $known, first: 10) { unlocks concept { slug } } }',
      {
        known,
      },
    );
    const fringe = response.data?.nextToLearn as { unlocks: number; concept: { slug: string } }[];
    expect(fringe.length).toBe(10);
    const knownClosure = new Set(await closureOf(known));
    for (const { concept } of fringe) {
      expect(knownClosure.has(concept.slug)).toBe(false);
      const prerequisites = await runCypher<{ slug: string }>(
        db,
        'MATCH (:Concept {slug: $slug})-[:REQUIRES|IS_A]->(p) RETURN p.slug AS slug',
        { slug: concept.slug },
      );
      for (const p of prerequisites) expect(knownClosure.has(p.slug)).toBe(true);
    }
    const unlocks = fringe.map((f) => f.unlocks);
    expect(unlocks).toEqual([...unlocks].sort((a, b) => b - a));
  });
});
