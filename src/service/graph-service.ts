/**
 * The questions the API answers, one method each, for one request (`ctx.graph`). A method owns
 * its question end to end: it checks its arguments against their caps, runs the data-access
 * query, turns unknown slugs into one CONCEPT_NOT_FOUND with suggestions, orders the answer, and
 * primes the request's loaders with every concept it returns. Resolvers only call it; tests call
 * it without GraphQL.
 */
import { PREREQUISITE_TYPES, RELATION_TYPE_NAMES, type Relation, type RelationType } from '../domain.ts';
import { badInput, chapterNotFound, graphTooLarge } from '../errors.ts';
import {
  CONCEPT_ORDERINGS,
  type ConceptFilter,
  type ConceptOrdering,
  listConcepts,
  sortKeyOf,
} from '../graph/concept-list.ts';
import { findSelectedConcepts } from '../graph/concepts.ts';
import type { Direction } from '../graph/cypher.ts';
import { inEdgeOrder } from '../graph/edge-order.ts';
import { GraphTooLarge, graphStats, integrityReport, topBottlenecks } from '../graph/health.ts';
import { type FringeConcept, fringe, planInputs } from '../graph/learning.ts';
import type { ConceptRow, StoredConcept } from '../graph/records.ts';
import { type SearchHit, searchConcepts } from '../graph/search.ts';
import { type ConceptSelection, type ListSpec, listKey, WHOLE_CONCEPT } from '../graph/selection.ts';
import {
  type ClosureSelection,
  closure,
  neighborhood,
  type Reached,
  shortestPath,
  WHOLE_CLOSURE,
} from '../graph/traversals.ts';
import type { Database } from '../neo4j/database.ts';
import { buildPlan, fringeOf, type LearningPlan, studyOrder } from './learning-plan.ts';
import { bounded, boundedList, LIMITS } from './limits.ts';
import { RequestLoaders } from './loaders.ts';
import { type ConnectionArgs, pageRequest, toConnection, windowOf } from './pagination.ts';
import { RequestReads, type RequestReadsOptions } from './request-reads.ts';
import { SlugChecks } from './slug-checks.ts';

/** What a transitive traversal reached from one concept (as the request's selection read them). */
export interface Traversal {
  start: ConceptRow;
  concepts: Reached<ConceptRow>[];
  edges: Relation[];
  truncated: boolean;
  maxDepth: number;
}

export interface PathAnswer {
  from: StoredConcept;
  to: StoredConcept;
  path: { nodes: StoredConcept[]; edges: Relation[] } | null;
  maxLength: number;
}

export interface Subgraph {
  center: StoredConcept;
  nodes: { concept: StoredConcept; depth: number }[];
  edges: Relation[];
  truncated: boolean;
}

const typesOrDefault = (
  types: readonly RelationType[] | null | undefined,
  fallback: readonly RelationType[],
) => (types?.length ? [...new Set(types)] : [...fallback]);

const distinct = (list: readonly string[]) => [...new Set(list)];

export class GraphService {
  readonly reads: RequestReads;
  readonly loaders: RequestLoaders;
  private readonly slugs: SlugChecks;

  constructor(db: Database, options: RequestReadsOptions) {
    this.reads = new RequestReads(db, options);
    this.loaders = new RequestLoaders(this.reads);
    this.slugs = new SlugChecks(this.reads, this.loaders);
  }

  // Lookups

  /** The concept with this slug; CONCEPT_NOT_FOUND (with suggestions) naming `argument` if none. */
  async concept(slug: string, argument = 'slug'): Promise<StoredConcept> {
    return (await this.slugs.require([{ argument, slugs: [slug] }]))[0] as StoredConcept;
  }

  /**
   * The concept with this slug as `selection` reads it, with the lists and degree it asks for (one
   * query); CONCEPT_NOT_FOUND (with suggestions) if none.
   */
  async selectedConcept(slug: string, selection: ConceptSelection): Promise<ConceptRow> {
    const [selected] = await findSelectedConcepts(this.reads, [slug], selection);
    if (!selected) return this.concept(slug);
    this.loaders.primeSelected([selected]);
    return selected.row;
  }

  /** The concept with this slug, or null. */
  async conceptOrNull(slug: string): Promise<StoredConcept | null> {
    return (await this.loaders.concepts.load(slug)) ?? null;
  }

  /** One stored field of a concept: at hand when whole, loaded (batched) for a list's head. */
  detail<K extends keyof StoredConcept>(concept: ConceptRow, key: K) {
    return this.loaders.detail(concept, key);
  }

  /**
   * A page of concepts as `selection` reads them, with the lists and degrees it asks for (one
   * query). What the request does not show is not read: the number of matches (a scan when
   * filtered), and the item past the page that only tells `pageInfo` whether more follow.
   */
  async concepts(
    args: ConnectionArgs & { filter: ConceptFilter; orderBy: ConceptOrdering },
    selection: ConceptSelection = WHOLE_CONCEPT,
    shown: { totalCount: boolean; pageInfo: boolean } = { totalCount: true, pageInfo: true },
  ) {
    const { filter, orderBy: ordering } = args;
    const request = pageRequest(args, `concepts:${ordering}`, CONCEPT_ORDERINGS[ordering].length);
    if (filter.chapter != null) bounded('filter.chapter', filter.chapter, LIMITS.chapter);
    const window = windowOf(request);
    if (!shown.pageInfo) window.limit -= 1;
    const query = { filter, ordering, window, total: shown.totalCount };
    const page = await listConcepts(this.reads, query, selection);
    this.loaders.primeSelected(page.concepts);
    return {
      ...toConnection(
        page.concepts.map((c) => c.row),
        request,
        (c) => sortKeyOf(c, ordering),
      ),
      totalCount: page.total,
    };
  }

  /** A page of a concept's relationships; batched with the same field's other concepts. */
  relations(
    slug: string,
    args: ConnectionArgs & { direction: Direction; types?: readonly RelationType[] | null },
  ) {
    return this.loaders.relations(slug, {
      direction: args.direction,
      types: typesOrDefault(args.types, RELATION_TYPE_NAMES),
      request: pageRequest(args, 'relations', 4),
    });
  }

  /**
   * A concept's neighbours over one type and direction, by name (at most `RELATED_LIST_LIMIT`): a
   * plain value when the concept's own query read the list, else a batched load.
   */
  neighbours(slug: string, list: ListSpec, key = listKey(list)) {
    return this.loaders.neighbours(slug, list, key);
  }

  degree(slug: string) {
    return this.loaders.degree(slug);
  }

  chapters() {
    return this.loaders.allChapters();
  }

  async chapter(number: number) {
    return (await this.loaders.chapters.load(number)) ?? Promise.reject(chapterNotFound(number));
  }

  async chapterOrNull(number: number) {
    return (await this.loaders.chapters.load(number)) ?? null;
  }

  chapterConcepts(number: number) {
    return this.loaders.chapterConcepts.load(number);
  }

  async search(
    text: string,
    first: number,
    selection: ConceptSelection = WHOLE_CONCEPT,
  ): Promise<SearchHit[]> {
    const trimmed = text.trim();
    const { min, max } = LIMITS.searchText;
    if (trimmed.length < min || trimmed.length > max)
      throw badInput('text', `must be ${min}-${max} characters long (got ${trimmed.length})`, { min, max });
    const hits = await searchConcepts(
      this.reads,
      trimmed,
      bounded('first', first, LIMITS.searchFirst),
      selection,
    );
    this.loaders.primeSelected(hits.map((hit) => hit.selected));
    return hits.map((hit) => ({ concept: hit.selected.row, score: hit.score }));
  }

  // Traversals

  /** Everything to understand before `slug`, in a valid study order. */
  async prerequisites(
    slug: string,
    options: { maxDepth: number; limit: number },
    selection: ClosureSelection = WHOLE_CLOSURE,
  ): Promise<Traversal> {
    const maxDepth = bounded('maxDepth', options.maxDepth, LIMITS.prerequisiteDepth);
    const limit = bounded('limit', options.limit, LIMITS.traversalLimit);
    const found = await this.closure(
      slug,
      { types: PREREQUISITE_TYPES, direction: 'OUTGOING', maxDepth, limit },
      selection,
    );
    // The closure reads every concept's sort keys (slug, sortName, firstChapter), all the order reads.
    const order = studyOrder(found.concepts, (r) => r.concept as StoredConcept, found.edges);
    return { ...found, concepts: order, maxDepth };
  }

  /** What transitively rests on `slug` along incoming `types`, nearest first. */
  async impact(
    slug: string,
    options: { types?: readonly RelationType[] | null; maxDepth: number; limit: number },
    selection: ClosureSelection = WHOLE_CLOSURE,
  ): Promise<Traversal> {
    const maxDepth = bounded('maxDepth', options.maxDepth, LIMITS.impactDepth);
    const limit = bounded('limit', options.limit, LIMITS.traversalLimit);
    const types = typesOrDefault(options.types, ['REQUIRES', 'IS_A', 'DEPENDS_ON']);
    const found = await this.closure(slug, { types, direction: 'INCOMING', maxDepth, limit }, selection);
    return { ...found, maxDepth };
  }

  private async closure(
    slug: string,
    options: {
      types: readonly RelationType[];
      direction: 'OUTGOING' | 'INCOMING';
      maxDepth: number;
      limit: number;
    },
    selection: ClosureSelection,
  ) {
    const result = await closure(this.reads, slug, options, selection);
    if (!result.start) await this.concept(slug); // CONCEPT_NOT_FOUND, with suggestions
    const start = result.start as NonNullable<typeof result.start>;
    this.loaders.primeSelected([start, ...result.reached.map((r) => r.selected)]);
    const concepts = result.reached.map(({ concept, depth, via }) => ({ concept, depth, via }));
    return { start: start.row, concepts, edges: inEdgeOrder(result.edges), truncated: result.truncated };
  }

  /** A shortest path between two concepts, or none within `maxLength`. */
  async path(
    from: string,
    to: string,
    options: { types?: readonly RelationType[] | null; direction: Direction; maxLength: number },
  ): Promise<PathAnswer> {
    const maxLength = bounded('maxLength', options.maxLength, LIMITS.pathLength);
    const types = typesOrDefault(options.types, RELATION_TYPE_NAMES);
    const result = await shortestPath(this.reads, from, to, {
      types,
      direction: options.direction,
      maxLength,
    });
    if (!result.from || !result.to)
      await this.slugs.require([
        { argument: 'from', slugs: result.from ? [] : [from] },
        { argument: 'to', slugs: result.to ? [] : [to] },
      ]);
    if (result.path) this.loaders.prime(result.path.nodes);
    return {
      from: result.from as StoredConcept,
      to: result.to as StoredConcept,
      path: result.path,
      maxLength,
    };
  }

  /** The concepts within `depth` hops of `slug`, except those the client holds (`exclude`). */
  async neighborhood(
    slug: string,
    options: {
      depth: number;
      types?: readonly RelationType[] | null;
      limit: number;
      exclude: readonly string[];
    },
  ): Promise<Subgraph> {
    const depth = bounded('depth', options.depth, LIMITS.neighborhoodDepth);
    const limit = bounded('limit', options.limit, LIMITS.neighborhoodLimit);
    const exclude = distinct(boundedList('exclude', options.exclude, LIMITS.exclude));
    const types = typesOrDefault(options.types, RELATION_TYPE_NAMES);
    const result = await neighborhood(this.reads, slug, { types, depth, limit, exclude });
    const center = result.center ?? (await this.concept(slug));
    this.loaders.prime(result.nodes.map((n) => n.concept));
    return { ...result, center, edges: inEdgeOrder(result.edges) };
  }

  // Learning

  /** A study plan for the goals, skipping what the learner knows and what that implies. */
  async learningPath(goals: readonly string[], known: readonly string[]): Promise<LearningPlan> {
    const goalSlugs = distinct(boundedList('goals', goals, LIMITS.goals));
    const knownSlugs = distinct(boundedList('known', known, LIMITS.known));
    const inputs = await planInputs(this.reads, goalSlugs, knownSlugs);
    await this.slugs.require([
      { argument: 'goals', slugs: goalSlugs.filter((g) => !inputs.goalsFound.has(g)) },
      { argument: 'known', slugs: knownSlugs.filter((k) => !inputs.knownFound.has(k)) },
    ]);
    this.loaders.prime(inputs.needed);
    return buildPlan(inputs, goalSlugs);
  }

  /** What the learner can study now, ranked by what it unlocks (toward `goals` when given). */
  async nextToLearn(known: readonly string[], options: { first: number; goals?: readonly string[] | null }) {
    const knownSlugs = distinct(boundedList('known', known, LIMITS.known));
    const goalSlugs = distinct(boundedList('goals', options.goals ?? [], LIMITS.nextGoals));
    const first = bounded('first', options.first, LIMITS.nextFirst);
    // Toward goals, the goals' closure answers it: the query a plan for the same goals and known
    // concepts sends (a study plan asks both, and the request reads the same query once).
    const inputs = goalSlugs.length > 0 ? await planInputs(this.reads, goalSlugs, knownSlugs) : undefined;
    const within = inputs && fringeOf(inputs, first);
    const result =
      inputs && within
        ? { knownFound: inputs.knownFound, goalsFound: inputs.goalsFound, fringe: within }
        : await fringe(this.reads, knownSlugs, goalSlugs, first);
    await this.slugs.require([
      { argument: 'known', slugs: knownSlugs.filter((k) => !result.knownFound.has(k)) },
      { argument: 'goals', slugs: goalSlugs.filter((g) => !result.goalsFound.has(g)) },
    ]);
    this.loaders.prime(result.fringe.map((f) => f.concept));
    return result.fringe satisfies FringeConcept[];
  }

  // Graph health

  graphStats() {
    return graphStats(this.reads);
  }

  async bottlenecks(first: number) {
    const concepts = await topBottlenecks(this.reads, bounded('first', first, LIMITS.bottlenecksFirst));
    this.loaders.prime(concepts);
    return concepts;
  }

  async integrity() {
    try {
      return await integrityReport(this.reads);
    } catch (error) {
      throw error instanceof GraphTooLarge ? graphTooLarge(error.message) : error;
    }
  }
}
