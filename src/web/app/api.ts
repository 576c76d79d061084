/**
 * The page's only door to the server: the typed documents generated from `operations.graphql`
 * posted to the public GraphQL API at `/graphql`, and the errors a learner should see when a call
 * fails (network, HTTP status, or a GraphQL error code). Result and variable types are generated
 * (`npm run codegen`); nothing here restates them.
 */
import {
  ConceptDetailsDocument,
  type ConceptDetailsQuery,
  type ConceptRefFragment,
  DetoursDocument,
  type DetoursQuery,
  type Direction,
  NeighborhoodDocument,
  type NeighborhoodQuery,
  type NeighborhoodQueryVariables,
  type RelationRefFragment,
  type RelationType,
  RoadmapDocument,
  type RoadmapQuery,
  RouteDocument,
  type RouteQuery,
  SearchDocument,
  type SearchQuery,
  StudyPlanDocument,
  type StudyPlanQuery,
  type TypedDocumentString,
} from './gql/graphql.ts';

export type ConceptRef = ConceptRefFragment;
export type RelationRef = RelationRefFragment;
export type Subgraph = NeighborhoodQuery['neighborhood'];
export type ConceptDetails = NonNullable<ConceptDetailsQuery['concept']>;
export type SearchHit = SearchQuery['search'][number];
export type StudyPlan = StudyPlanQuery;
export type LearningPath = NonNullable<StudyPlanQuery['learningPath']>;
export type LearningStep = LearningPath['steps'][number];
export type Route = RouteQuery;
export type RoutePath = NonNullable<RouteQuery['path']['path']>;
export type Detours = DetoursQuery;
export type Chapter = RoadmapQuery['chapters'][number];

/** A failed call, phrased for the learner; `code` is the GraphQL `extensions.code` when there is one. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    message: string,
    readonly code: string,
    /** For CONCEPT_NOT_FOUND: the unknown slugs and the closest existing ones. */
    readonly slugs: string[] = [],
    readonly suggestions: string[] = [],
  ) {
    super(message);
  }
}

interface GraphQLBody<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string; slugs?: unknown; suggestions?: unknown } }[];
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

const stringsOf = (raw: unknown): string[] =>
  Array.isArray(raw) ? raw.filter((s): s is string => typeof s === 'string') : [];

let inFlight = 0;
let onActivity: (inFlight: number) => void = () => {};

/** Tells `listener` how many requests are in flight whenever that changes (the busy indicator). */
export function watchActivity(listener: (inFlight: number) => void): void {
  onActivity = listener;
}

/** Sends one generated document. */
export async function execute<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  variables: TVariables,
): Promise<TResult> {
  onActivity(++inFlight);
  try {
    return await send(document, variables);
  } finally {
    onActivity(--inFlight);
  }
}

/**
 * Documents go by their SHA-256 (`extensions.persistedQuery`), as a trusted-documents server
 * requires; a server whose manifest lacks the hash (PERSISTED_QUERY_NOT_FOUND) gets the text from
 * then on.
 */
let sendText = false;

async function send<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  variables: TVariables,
): Promise<TResult> {
  const hash = (document as { __meta__?: { hash?: string } }).__meta__?.hash;
  if (hash && !sendText) {
    try {
      return await post({ extensions: { persistedQuery: { version: 1, sha256Hash: hash } }, variables });
    } catch (error) {
      if (!(error instanceof ApiError && error.code === 'PERSISTED_QUERY_NOT_FOUND')) throw error;
      sendText = true;
    }
  }
  return post({ query: document.toString(), variables });
}

async function post<TResult>(payload: object): Promise<TResult> {
  let response: Response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify(payload),
    });
  } catch {
    throw new ApiError('Cannot reach the concept-graph API. Is the server running?', 'NETWORK_ERROR');
  }
  let body: GraphQLBody<TResult> | undefined;
  try {
    body = (await response.json()) as GraphQLBody<TResult>;
  } catch {
    body = undefined;
  }
  const first = body?.errors?.[0];
  if (first) {
    const code = first.extensions?.code ?? 'GRAPHQL_ERROR';
    throw new ApiError(
      first.message,
      code,
      stringsOf(first.extensions?.slugs),
      suggestionsOf(first.extensions),
    );
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

export async function searchConcepts(text: string, first = 8): Promise<SearchHit[]> {
  return (await execute(SearchDocument, { text, first })).search;
}

export async function fetchNeighborhood(
  args: Omit<NeighborhoodQueryVariables, 'limit'> & { limit?: number },
): Promise<Subgraph> {
  return (await execute(NeighborhoodDocument, { limit: 80, ...args })).neighborhood;
}

export async function fetchConcept(slug: string): Promise<ConceptDetails> {
  const { concept } = await execute(ConceptDetailsDocument, { slug });
  if (!concept) throw new ApiError(`No concept has the slug "${slug}".`, 'CONCEPT_NOT_FOUND', [slug]);
  return concept;
}

/** The plan for `goals` skipping `known`, and what can be studied once `learnt` is known too. */
export function fetchStudyPlan(
  goals: string[],
  known: string[],
  learnt: string[],
  next = 8,
): Promise<StudyPlan> {
  return execute(StudyPlanDocument, { goals, known, learnt, hasGoals: goals.length > 0, next });
}

export function fetchRoute(args: {
  from: string;
  to: string;
  types: RelationType[];
  direction: Direction;
  maxLength?: number;
}): Promise<Route> {
  return execute(RouteDocument, { maxLength: 8, ...args });
}

export function fetchDetours(args: {
  to: string;
  types: RelationType[];
  direction: Direction;
  via: [string, string, string, string];
  maxLength: number;
}): Promise<Detours> {
  const [via1, via2, via3, via4] = args.via;
  return execute(DetoursDocument, {
    to: args.to,
    types: args.types,
    direction: args.direction,
    maxLength: args.maxLength,
    via1,
    via2,
    via3,
    via4,
  });
}

export async function fetchRoadmap(): Promise<Chapter[]> {
  return (await execute(RoadmapDocument, {})).chapters;
}
