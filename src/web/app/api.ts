/**
 * The page's only door to the server: typed calls to the public GraphQL API at `/graphql`, and the
 * errors a learner should see when it fails (network, HTTP status, or a GraphQL error code).
 */

export type Direction = 'OUTGOING' | 'INCOMING' | 'BOTH';

export interface ConceptRef {
  slug: string;
  name: string;
  kind: string;
}

export interface RelationRef {
  id: string;
  type: string;
  fromSlug: string;
  toSlug: string;
  note: string | null;
}

export interface Subgraph {
  center: ConceptRef;
  nodes: { depth: number; concept: ConceptRef }[];
  edges: RelationRef[];
  truncated: boolean;
}

export interface ConceptDetails extends ConceptRef {
  summary: string;
  aliases: string[];
  tags: string[];
  chapters: { number: number; title: string }[];
  relations: {
    totalCount: number;
    edges: { direction: Direction; other: ConceptRef; node: { type: string; note: string | null } }[];
  };
}

export interface SearchHit {
  score: number;
  concept: ConceptRef & { aliases: string[] };
}

export interface LearningPath {
  totalSteps: number;
  truncated: boolean;
  goals: ConceptRef[];
  steps: {
    position: number;
    isGoal: boolean;
    concept: ConceptRef;
    neededFor: ConceptRef[];
    via: RelationRef[];
  }[];
  skipped: { reason: 'KNOWN' | 'IMPLIED'; concept: ConceptRef }[];
}

export interface NextConcept {
  unlocks: number;
  concept: ConceptRef;
}

export interface PathResult {
  reason: string | null;
  maxLength: number;
  from: ConceptRef;
  to: ConceptRef;
  path: { length: number; nodes: ConceptRef[]; edges: RelationRef[] } | null;
}

/** A failed call, phrased for the learner; `code` is the GraphQL `extensions.code` when there is one. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    message: string,
    readonly code: string,
    readonly suggestions: string[] = [],
  ) {
    super(message);
  }
}

interface GraphQLBody<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string; suggestions?: unknown } }[];
}

function suggestionsOf(extensions: { suggestions?: unknown } | undefined): string[] {
  const raw = extensions?.suggestions;
  // CONCEPT_NOT_FOUND carries `{ [missingSlug]: [closeSlug, …] }`; accept a plain list too.
  const lists: unknown[] = Array.isArray(raw)
    ? [raw]
    : raw && typeof raw === 'object'
      ? Object.values(raw)
      : [];
  return [
    ...new Set(
      lists.flatMap((list) => (Array.isArray(list) ? list : [])).filter((s) => typeof s === 'string'),
    ),
  ];
}

export async function gql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify({ query, variables }),
    });
  } catch {
    throw new ApiError('Cannot reach the concept-graph API. Is the server running?', 'NETWORK_ERROR');
  }
  let body: GraphQLBody<T> | undefined;
  try {
    body = (await response.json()) as GraphQLBody<T>;
  } catch {
    body = undefined;
  }
  const first = body?.errors?.[0];
  if (first) {
    const code = first.extensions?.code ?? 'GRAPHQL_ERROR';
    throw new ApiError(first.message, code, suggestionsOf(first.extensions));
  }
  if (!response.ok || !body?.data) {
    const why =
      response.status === 503
        ? 'the graph database is unavailable right now'
        : `it answered HTTP ${response.status}`;
    throw new ApiError(`The concept-graph API failed: ${why}. Try again shortly.`, `HTTP_${response.status}`);
  }
  return body.data;
}

const CONCEPT_REF = 'slug name kind';
const RELATION_REF = 'id type fromSlug toSlug note';

export async function searchConcepts(text: string, first = 8): Promise<SearchHit[]> {
  const data = await gql<{ search: SearchHit[] }>(
    /* GraphQL */ `query Search($text: String!, $first: Int!) {
      search(text: $text, first: $first) { score concept { ${CONCEPT_REF} aliases } }
    }`,
    { text, first },
  );
  return data.search;
}

export async function fetchNeighborhood(args: {
  slug: string;
  depth: number;
  types: string[] | null;
  exclude: string[];
  limit?: number;
}): Promise<Subgraph> {
  const data = await gql<{ neighborhood: Subgraph }>(
    /* GraphQL */ `query Neighborhood($slug: String!, $depth: Int!, $types: [RelationType!], $exclude: [ID!], $limit: Int!) {
      neighborhood(slug: $slug, depth: $depth, types: $types, exclude: $exclude, limit: $limit) {
        center { ${CONCEPT_REF} }
        nodes { depth concept { ${CONCEPT_REF} } }
        edges { ${RELATION_REF} }
        truncated
      }
    }`,
    { limit: 80, ...args },
  );
  return data.neighborhood;
}

export async function fetchConcept(slug: string): Promise<ConceptDetails> {
  const data = await gql<{ concept: ConceptDetails | null }>(
    /* GraphQL */ `query Concept($slug: String!) {
      concept(slug: $slug) {
        ${CONCEPT_REF} summary aliases tags
        chapters { number title }
        relations(first: 100) {
          totalCount
          edges { direction other { ${CONCEPT_REF} } node { type note } }
        }
      }
    }`,
    { slug },
  );
  if (!data.concept) throw new ApiError(`No concept "${slug}".`, 'CONCEPT_NOT_FOUND');
  return data.concept;
}

export async function fetchLearningPath(goals: string[], known: string[]): Promise<LearningPath> {
  const data = await gql<{ learningPath: LearningPath }>(
    /* GraphQL */ `query LearningPath($goals: [String!]!, $known: [String!]!) {
      learningPath(goals: $goals, known: $known) {
        totalSteps truncated
        goals { ${CONCEPT_REF} }
        steps { position isGoal concept { ${CONCEPT_REF} } neededFor { ${CONCEPT_REF} } via { ${RELATION_REF} } }
        skipped { reason concept { ${CONCEPT_REF} } }
      }
    }`,
    { goals, known },
  );
  return data.learningPath;
}

export async function fetchNextToLearn(known: string[], first = 8): Promise<NextConcept[]> {
  const data = await gql<{ nextToLearn: NextConcept[] }>(
    /* GraphQL */ `query NextToLearn($known: [String!]!, $first: Int!) {
      nextToLearn(known: $known, first: $first) { unlocks concept { ${CONCEPT_REF} } }
    }`,
    { known, first },
  );
  return data.nextToLearn;
}

export async function fetchPath(from: string, to: string, types: string[] | null): Promise<PathResult> {
  const data = await gql<{ path: PathResult }>(
    /* GraphQL */ `query Path($from: String!, $to: String!, $types: [RelationType!]) {
      path(from: $from, to: $to, types: $types) {
        reason maxLength
        from { ${CONCEPT_REF} }
        to { ${CONCEPT_REF} }
        path { length nodes { ${CONCEPT_REF} } edges { ${RELATION_REF} } }
      }
    }`,
    { from, to, types },
  );
  return data.path;
}
