/**
 * The benchmark's queries, each in up to three forms that return the same information: the
 * GraphQL request to our API, the data-access calls its resolvers make (the same Cypher, sent by
 * the raw driver), and, where it can be expressed, the request to the @neo4j/graphql peer.
 */
import { RELATION_TYPE_NAMES } from '../src/domain.ts';
import { listConcepts } from '../src/graph/concept-list.ts';
import { findConceptsBySlugs } from '../src/graph/concepts.ts';
import { planInputs } from '../src/graph/learning.ts';
import { neighbourLists, relationPages } from '../src/graph/relations.ts';
import { closure, neighborhood, shortestPath } from '../src/graph/traversals.ts';
import type { Database } from '../src/neo4j/database.ts';
import { RELATED_LIST_LIMIT } from '../src/service/loaders.ts';
import { RELATIONSHIP_FIELDS } from './peer-type-defs.ts';

export interface GraphQLRequest {
  query: string;
  variables: Record<string, unknown>;
}

export interface BenchQuery {
  id: string;
  title: string;
  /** A traversal (the tighter ≤ 10 % overhead target applies). */
  traversal: boolean;
  ours: GraphQLRequest;
  /** What our resolvers send, called directly with a Database. */
  raw: (db: Database) => Promise<unknown>;
  /** The equivalent request to @neo4j/graphql, or why there is none. */
  peer: GraphQLRequest | { unsupported: string };
}

/** The slugs the queries start from, chosen on the loaded synthetic graph. */
export interface QuerySlugs {
  /** A concept of ordinary degree (~10 relationships). */
  concept: string;
  /** A young concept with a deep REQUIRES closure. */
  deep: string;
  /** Two concepts far apart. */
  pathFrom: string;
  pathTo: string;
  /** A concept with at least 500 concepts within two hops. */
  center: string;
  known: string[];
}

const ALL_TYPES = [...RELATION_TYPE_NAMES];
const peerRelations = (selection: string) =>
  RELATIONSHIP_FIELDS.map(([field]) => `${field} { ${selection} }`).join('\n      ');

/** Our neighbourhood request and the data-access call behind it. */
function neighbourhoodQuery(slug: string, depth: number, limit: number): Pick<BenchQuery, 'ours' | 'raw'> {
  return {
    ours: {
      query: /* GraphQL */ `query ($slug: String!, $depth: Int!, $limit: Int!) {
        neighborhood(slug: $slug, depth: $depth, limit: $limit) {
          truncated
          nodes { depth concept { slug name kind } }
          edges { type fromSlug toSlug }
        }
      }`,
      variables: { slug, depth, limit },
    },
    raw: (db) => neighborhood(db, slug, { types: ALL_TYPES, depth, limit, exclude: [] }),
  };
}

export function benchQueries(s: QuerySlugs): BenchQuery[] {
  return [
    {
      id: 'concept',
      title: 'concept with its relations',
      traversal: false,
      ours: {
        query: /* GraphQL */ `query ($slug: String!) {
          concept(slug: $slug) {
            slug name kind summary aliases tags
            relations(first: 50) {
              totalCount
              edges { direction node { type note } other { slug name kind } }
            }
          }
        }`,
        variables: { slug: s.concept },
      },
      raw: async (db) => {
        await findConceptsBySlugs(db, [s.concept]);
        await relationPages(db, [s.concept], {
          direction: 'BOTH',
          types: ALL_TYPES,
          window: { descending: false, limit: 51 },
        });
      },
      peer: {
        query: /* GraphQL */ `query ($slug: String!) {
          concepts(where: { slug: { eq: $slug } }) {
            slug name kind summary aliases tags
            ${peerRelations('slug name kind')}
          }
        }`,
        variables: { slug: s.concept },
      },
    },
    {
      id: 'page',
      title: 'page of 50 concepts with their relations',
      traversal: false,
      // Six plain relation lists on every concept of the page: our resolvers load all of them (and
      // `degree`) with one query per page, which is what the raw side runs too.
      ours: {
        query: /* GraphQL */ `{
          concepts(last: 50) {
            totalCount
            edges { node {
              slug name kind
              requires { slug name } requiredBy { slug name }
              dependsOn { slug name } dependents { slug name }
              uses { slug name } related { slug name }
            } }
          }
        }`,
        variables: {},
      },
      raw: async (db) => {
        const page = await listConcepts(db, {
          filter: {},
          ordering: 'NAME',
          window: { descending: true, limit: 51 },
        });
        const slugs = page.concepts.map((c) => c.slug);
        await neighbourLists(db, slugs, ['REQUIRES', 'DEPENDS_ON', 'USES', 'RELATED_TO'], RELATED_LIST_LIMIT);
      },
      peer: {
        query: /* GraphQL */ `{
          concepts(limit: 50, sort: [{ sortName: DESC }]) {
            slug name kind
            requires { slug name } requiredBy { slug name }
            dependsOn { slug name } dependents { slug name }
            uses { slug name } relatedTo { slug name } relatedFrom { slug name }
          }
        }`,
        variables: {},
      },
    },
    {
      id: 'neighborhood1',
      title: '1-hop neighbourhood',
      traversal: true,
      ...neighbourhoodQuery(s.concept, 1, 100),
      peer: {
        query: /* GraphQL */ `query ($slug: String!) {
          concepts(where: { slug: { eq: $slug } }) {
            slug name kind
            ${peerRelations('slug name kind')}
          }
        }`,
        variables: { slug: s.concept },
      },
    },
    {
      id: 'prerequisites',
      title: 'transitive prerequisites (depth 10)',
      traversal: true,
      ours: {
        query: /* GraphQL */ `query ($slug: String!) {
          prerequisites(slug: $slug, maxDepth: 10) {
            count truncated
            concepts { depth concept { slug name kind } via { type fromSlug toSlug } }
            edges { type fromSlug toSlug }
          }
        }`,
        variables: { slug: s.deep },
      },
      raw: (db) =>
        closure(db, s.deep, { types: ['REQUIRES'], direction: 'OUTGOING', maxDepth: 10, limit: 500 }),
      peer: {
        unsupported:
          'no transitive traversal: a fixed nesting of `requires { requires { … } }` per depth, without distances or deduplication, or a hand-written @cypher field',
      },
    },
    {
      id: 'path',
      title: 'shortest path (≤ 8)',
      traversal: true,
      ours: {
        query: /* GraphQL */ `query ($from: String!, $to: String!) {
          path(from: $from, to: $to, maxLength: 8) {
            reason
            path { length nodes { slug name } edges { type fromSlug toSlug } }
          }
        }`,
        variables: { from: s.pathFrom, to: s.pathTo },
      },
      raw: (db) =>
        shortestPath(db, s.pathFrom, s.pathTo, { types: ALL_TYPES, direction: 'BOTH', maxLength: 8 }),
      peer: { unsupported: 'no shortest path without a hand-written @cypher field' },
    },
    {
      id: 'neighborhood',
      title: 'neighbourhood of 500 concepts (depth 2)',
      traversal: true,
      ...neighbourhoodQuery(s.center, 2, 500),
      peer: {
        unsupported:
          'a 2-hop nesting returns a tree with every concept repeated once per route, no cap on the total and no edges among the nodes',
      },
    },
    {
      id: 'learning',
      title: 'learning path',
      traversal: true,
      ours: {
        query: /* GraphQL */ `query ($goals: [String!]!, $known: [String!]!) {
          learningPath(goals: $goals, known: $known) {
            totalSteps truncated
            steps { position isGoal concept { slug name } via { fromSlug toSlug } }
            skipped { reason concept { slug } }
          }
        }`,
        variables: { goals: [s.deep], known: s.known },
      },
      raw: (db) => planInputs(db, [s.deep], s.known),
      peer: {
        unsupported: 'no learning path (transitive closure, set difference, ordering) without @cypher',
      },
    },
  ];
}
