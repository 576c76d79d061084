/**
 * The query shapes the API is compared on, each asked three ways that must give the same answer:
 * the GraphQL request to our API, the request to the @neo4j/graphql peer (where it can express
 * it), and the best Cypher we can write by hand for that answer, run by the raw driver. Each way
 * comes with a reader that turns its result into one canonical answer, so the bench can check
 * before timing anything that all sides answer alike.
 *
 * This module is also bundled into the raw-driver client (`raw-client.ts`): it imports only pure
 * code (no server modules, no driver values at import time).
 */
import { prerequisitesFirst } from '../src/digraph.ts';

export interface GraphQLRequest {
  query: string;
  variables: Record<string, unknown>;
}

/** What the shapes start from on one graph (chosen by `choose-inputs.ts`). */
export interface ShapeInputs {
  /** A concept with REQUIRES and DEPENDS_ON neighbours both ways. */
  concept: string;
  /** What the search shape looks for (the name of a concept). */
  searchText: string;
  /** A concept with a deep prerequisite closure (smaller than the traversal limit). */
  deep: string;
  /** The Lucene query and search key our API derives from `searchText` (the raw side and the peer get the same). */
  lucene: { query: string; key: string };
}

/** Hand-written Cypher: the text, its parameters, and how its records become the answer. */
export interface RawQuery {
  cypher: string;
  params: Record<string, unknown>;
}

export type ShapeId = 'concept' | 'neighbours' | 'page' | 'search' | 'prerequisites';

export interface Shape {
  id: ShapeId;
  title: string;
  /** The latency target applies (p50 ≤ 1.5 × (raw p50 + floor p50)). */
  latencyTarget: boolean;
  ours(inputs: ShapeInputs): GraphQLRequest;
  oursAnswer(data: unknown): unknown;
  /** The peer's request and reader, or why it has none. */
  peer:
    | { request(inputs: ShapeInputs): GraphQLRequest; answer(data: unknown): unknown }
    | { unsupported: string };
  raw(inputs: ShapeInputs): RawQuery;
}

/** Readers of raw records (the client gets `record.toObject()`-like rows: column → value). */
export type RawRow = Record<string, unknown>;
export const RAW_ANSWERS: Record<ShapeId, (rows: RawRow[]) => unknown> = {
  concept: (rows) => rows.map((r) => conceptOf(r))[0] ?? null,
  neighbours: (rows) => rows.map(withLists)[0] ?? null,
  page: (rows) => rows.map(withLists),
  search: (rows) =>
    tiesBySlug(rows.map((r) => ({ slug: r.slug, name: r.name, kind: r.kind, score: roundScore(r.score) }))),
  prerequisites: (rows) => studyPlan(rows[0]),
};

// Canonical values: the three sides spell "nothing" and numbers differently.
const list = (value: unknown) => (Array.isArray(value) ? value : []);
const roundScore = (value: unknown) => Math.round(Number(value) * 1e4) / 1e4;

/**
 * Hits as the same answer whatever order and choice Lucene makes among equal scores: runs of equal
 * score in slug order, and the last run (where the list is cut) as its score and size only. On the
 * synthetic graphs dozens of names score the same, and which of them fill the last places depends
 * on how many candidates a side asks Lucene for.
 */
function tiesBySlug<T extends { slug: unknown; score: number }>(hits: T[]): unknown[] {
  const bySlug = (a: T, b: T) => String(a.slug).localeCompare(String(b.slug));
  const runs: T[][] = [];
  for (const hit of hits) {
    const run = runs.at(-1);
    if (run && run[0]?.score === hit.score) run.push(hit);
    else runs.push([hit]);
  }
  const last = runs.pop();
  return [
    ...runs.flatMap((run) => run.sort(bySlug)),
    ...(last ? [{ tiedAtTheCut: last.length, score: last[0]?.score }] : []),
  ];
}
const int = (value: unknown) =>
  typeof value === 'object' && value !== null && 'toNumber' in value
    ? (value as { toNumber(): number }).toNumber()
    : Number(value);

const conceptOf = (c: Record<string, unknown>) => ({
  slug: c.slug,
  name: c.name,
  kind: c.kind,
  summary: c.summary ?? null,
  aliases: list(c.aliases),
  tags: list(c.tags),
});

const LISTS = ['requires', 'requiredBy', 'dependsOn', 'dependents'] as const;
const heads = (value: unknown) =>
  list(value).map((item) =>
    Array.isArray(item)
      ? { slug: item[0], name: item[1] }
      : { slug: (item as RawRow).slug, name: (item as RawRow).name },
  );
function withLists(c: Record<string, unknown>) {
  const answer: Record<string, unknown> = { slug: c.slug, name: c.name, kind: c.kind };
  for (const field of LISTS) answer[field] = heads(c[field]);
  return answer;
}

/**
 * The prerequisite closure as a study plan, from the raw query's members and edges: depth by a
 * breadth-first search over the edges (the members are everything within the depth bound, so the
 * shortest distance inside them is the shortest distance), order by the API's documented rule
 * (prerequisites first; ties by chapter, then name, then slug).
 */
function studyPlan(row: RawRow | undefined) {
  if (!row) return null;
  const start = String(row.start);
  const members = list(row.concepts).map((c) => {
    const [slug, name, kind, sortName, firstChapter] = c as unknown[];
    return { slug: String(slug), name, kind, sortName: String(sortName), firstChapter: firstChapter ?? null };
  });
  const edges = list(row.edges).map((e) => ({
    from: String((e as unknown[])[0]),
    to: String((e as unknown[])[1]),
  }));
  const next = new Map<string, string[]>();
  for (const e of edges) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  const depth = new Map<string, number>([[start, 0]]);
  let frontier = [start];
  for (let d = 1; frontier.length > 0; d++) {
    const reached: string[] = [];
    for (const slug of frontier)
      for (const to of next.get(slug) ?? [])
        if (!depth.has(to)) {
          depth.set(to, d);
          reached.push(to);
        }
    frontier = reached;
  }
  const compare = (a: (typeof members)[number], b: (typeof members)[number]) =>
    (a.firstChapter === null ? 99 : int(a.firstChapter)) -
      (b.firstChapter === null ? 99 : int(b.firstChapter)) ||
    (a.sortName < b.sortName ? -1 : a.sortName > b.sortName ? 1 : 0) ||
    (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0);
  return prerequisitesFirst(members, (m) => m.slug, edges, compare).map((m) => ({
    slug: m.slug,
    name: m.name,
    kind: m.kind,
    depth: depth.get(m.slug) ?? null,
  }));
}

/** At most this many items in a plain relation list (our `RELATED_LIST_LIMIT`; the peer and raw sides cap alike). */
const LIST_LIMIT = 100;
const PAGE_SIZE = 50;
const SEARCH_FIRST = 10;
/** Candidates read for re-ranking, as our search does (3 per hit asked, at least 20). */
const SEARCH_CANDIDATES = Math.max(SEARCH_FIRST * 3, 20);
const DEPTH = 10;

const oursLists = LISTS.map((field) => `${field} { slug name }`).join(' ');
const PEER_DIRECTIONS: Record<(typeof LISTS)[number], string> = {
  requires: 'requires',
  requiredBy: 'requiredBy',
  dependsOn: 'dependsOn',
  dependents: 'dependents',
};
const peerLists = LISTS.map(
  (field) =>
    `${PEER_DIRECTIONS[field]}(sort: [{ sortName: ASC }, { slug: ASC }], limit: ${LIST_LIMIT}) { slug name }`,
).join(' ');

/** Hand-written: one subquery per list, each expanding only its type and direction. */
const RAW_LIST_PATTERNS: Record<(typeof LISTS)[number], string> = {
  requires: '(c)-[:REQUIRES]->(o)',
  requiredBy: '(c)<-[:REQUIRES]-(o)',
  dependsOn: '(c)-[:DEPENDS_ON]->(o)',
  dependents: '(c)<-[:DEPENDS_ON]-(o)',
};
const rawLists = LISTS.map(
  (field) =>
    `COLLECT { MATCH ${RAW_LIST_PATTERNS[field]} WITH o ORDER BY o.sortName, o.slug LIMIT ${LIST_LIMIT} RETURN [o.slug, o.name] } AS ${field}`,
).join(',\n       ');

const data = (value: unknown) => value as Record<string, unknown>;

export const SHAPES: Shape[] = [
  {
    id: 'concept',
    title: 'one concept by slug',
    latencyTarget: true,
    ours: (s) => ({
      query: 'query ($slug: String!) { concept(slug: $slug) { slug name kind summary aliases tags } }',
      variables: { slug: s.concept },
    }),
    oursAnswer: (d) => conceptOf(data(data(d).concept)),
    peer: {
      request: (s) => ({
        query:
          'query ($slug: String!) { concepts(where: { slug: { eq: $slug } }) { slug name kind summary aliases tags } }',
        variables: { slug: s.concept },
      }),
      answer: (d) => (data(d).concepts as Record<string, unknown>[]).map(conceptOf)[0] ?? null,
    },
    raw: (s) => ({
      cypher:
        'MATCH (c:Concept {slug: $slug}) RETURN c.slug AS slug, c.name AS name, c.kind AS kind, c.summary AS summary, c.aliases AS aliases, c.tags AS tags',
      params: { slug: s.concept },
    }),
  },
  {
    id: 'neighbours',
    title: 'concept + REQUIRES/DEPENDS_ON neighbours',
    latencyTarget: true,
    ours: (s) => ({
      query: `query ($slug: String!) { concept(slug: $slug) { slug name kind ${oursLists} } }`,
      variables: { slug: s.concept },
    }),
    oursAnswer: (d) => withLists(data(data(d).concept)),
    peer: {
      request: (s) => ({
        query: `query ($slug: String!) { concepts(where: { slug: { eq: $slug } }) { slug name kind ${peerLists} } }`,
        variables: { slug: s.concept },
      }),
      answer: (d) => (data(d).concepts as Record<string, unknown>[]).map(withLists)[0] ?? null,
    },
    raw: (s) => ({
      cypher: `MATCH (c:Concept {slug: $slug})
       RETURN c.slug AS slug, c.name AS name, c.kind AS kind,
       ${rawLists}`,
      params: { slug: s.concept },
    }),
  },
  {
    id: 'page',
    title: 'page of 50 concepts with neighbours',
    latencyTarget: false,
    ours: () => ({
      query: `{ concepts(first: ${PAGE_SIZE}) { edges { node { slug name kind ${oursLists} } } } }`,
      variables: {},
    }),
    oursAnswer: (d) =>
      (data(data(d).concepts).edges as { node: Record<string, unknown> }[]).map((e) => withLists(e.node)),
    peer: {
      request: () => ({
        query: `{ concepts(limit: ${PAGE_SIZE}, sort: [{ sortName: ASC }, { slug: ASC }]) { slug name kind ${peerLists} } }`,
        variables: {},
      }),
      answer: (d) => (data(d).concepts as Record<string, unknown>[]).map(withLists),
    },
    raw: () => ({
      // The IS NOT NULL conditions let the planner read the (sortName, slug) index in order and
      // stop after the page (every concept has both).
      cypher: `MATCH (c:Concept) WHERE c.sortName IS NOT NULL AND c.slug IS NOT NULL
       WITH c ORDER BY c.sortName, c.slug LIMIT ${PAGE_SIZE}
       RETURN c.slug AS slug, c.name AS name, c.kind AS kind,
       ${rawLists}`,
      params: {},
    }),
  },
  {
    id: 'search',
    title: 'full-text search (10 hits)',
    latencyTarget: false,
    ours: (s) => ({
      query: `query ($text: String!) { search(text: $text, first: ${SEARCH_FIRST}) { score concept { slug name kind } } }`,
      variables: { text: s.searchText },
    }),
    oursAnswer: (d) =>
      tiesBySlug(
        (data(d).search as { score: number; concept: Record<string, unknown> }[]).map((h) => ({
          slug: h.concept.slug,
          name: h.concept.name,
          kind: h.concept.kind,
          score: roundScore(h.score),
        })),
      ),
    peer: {
      // The peer's @fulltext query on the same index, with the Lucene query our API builds: it
      // ranks by score alone, which is the same answer when the named concept scores highest.
      request: (s) => ({
        query: `query ($phrase: String!) { searchConcepts(phrase: $phrase, first: ${SEARCH_FIRST}) { edges { score node { slug name kind } } } }`,
        variables: { phrase: s.lucene.query },
      }),
      answer: (d) =>
        tiesBySlug(
          (data(data(d).searchConcepts).edges as { score: number; node: Record<string, unknown> }[]).map(
            (e) => ({
              slug: e.node.slug,
              name: e.node.name,
              kind: e.node.kind,
              score: roundScore(e.score),
            }),
          ),
        ),
    },
    raw: (s) => ({
      // The API's ranking written in Cypher: exact name, slug or alias first, then names that
      // start with the text, then the rest, each in Lucene's order. The search keys are stored
      // space-separated, the name's first.
      cypher: `CALL db.index.fulltext.queryNodes('concept_text', $query, {limit: ${SEARCH_CANDIDATES}}) YIELD node, score
       WITH collect([node, score]) AS hits
       UNWIND range(0, size(hits) - 1) AS rank
       WITH hits[rank][0] AS node, hits[rank][1] AS score, rank
       WITH node, score, rank, split(node.searchKeys, ' ') AS keys
       WITH node, score, CASE WHEN $key IN keys THEN 0 WHEN keys[0] STARTS WITH $key THEN 1 ELSE 2 END AS tier, rank
       ORDER BY tier, rank LIMIT ${SEARCH_FIRST}
       RETURN node.slug AS slug, node.name AS name, node.kind AS kind, score`,
      params: { query: s.lucene.query, key: s.lucene.key },
    }),
  },
  {
    id: 'prerequisites',
    title: `transitive prerequisites (depth ${DEPTH})`,
    latencyTarget: true,
    ours: (s) => ({
      query: `query ($slug: String!) { prerequisites(slug: $slug, maxDepth: ${DEPTH}) { truncated concepts { depth concept { slug name kind } } } }`,
      variables: { slug: s.deep },
    }),
    oursAnswer: (d) => {
      const p = data(data(d).prerequisites);
      if (p.truncated)
        throw new Error('the prerequisites of the chosen concept were truncated: choose another');
      return (p.concepts as { depth: number; concept: Record<string, unknown> }[]).map((c) => ({
        slug: c.concept.slug,
        name: c.concept.name,
        kind: c.concept.kind,
        depth: c.depth,
      }));
    },
    peer: {
      unsupported:
        'no transitive traversal: a fixed nesting of `requires { requires { … } }` per depth, without distances, deduplication or study order, or a hand-written @cypher field',
    },
    raw: (s) => ({
      // Everything within the bound (Neo4j's pruning var-length expand visits each concept once),
      // then the prerequisite edges among them; depth and order are computed by the client.
      cypher: `MATCH (s:Concept {slug: $slug})
       CALL (s) { MATCH (s)-[:REQUIRES|IS_A*1..${DEPTH}]->(x) RETURN collect(DISTINCT x) AS xs }
       RETURN $slug AS start, [x IN xs | [x.slug, x.name, x.kind, x.sortName, x.firstChapter]] AS concepts,
         COLLECT { UNWIND [s] + xs AS a MATCH (a)-[:REQUIRES|IS_A]->(b) WHERE b IN xs RETURN [a.slug, b.slug] } AS edges`,
      params: { slug: s.deep },
    }),
  },
];
