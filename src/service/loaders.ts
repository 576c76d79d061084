/**
 * The request's DataLoaders: whatever a document asks of the concepts on a page (their whole
 * records, plain relation lists, degrees, relation pages, chapters), each kind costs one query
 * for the whole page. They live as long as the request, so nothing is cached between requests.
 */
import DataLoader from 'dataloader';
import type { Chapter, RelationType } from '../domain.ts';
import { conceptsOfChapters, findChaptersByNumbers, listChapters } from '../graph/chapters.ts';
import { findConceptsBySlugs } from '../graph/concepts.ts';
import type { Direction } from '../graph/cypher.ts';
import { type ConceptHead, type ConceptRow, isHead, type StoredConcept } from '../graph/records.ts';
import {
  type ConceptNeighbours,
  type ConceptRelation,
  listOf,
  neighbourLists,
  relationKeyOf,
  relationPages,
} from '../graph/relations.ts';
import type { Reader } from '../neo4j/database.ts';
import { type Connection, type PageRequest, toConnection, windowOf } from './pagination.ts';

/** At most this many concepts in a plain relation list; `relations` pages through more. */
export const RELATED_LIST_LIMIT = 100;

export interface RelationsQuery {
  direction: Direction;
  types: readonly RelationType[];
  request: PageRequest;
}

/** A page of a concept's relationships, seen from it. */
export type RelationConnection = Connection<ConceptRelation['relation']> & { totalCount: number };

export class RequestLoaders {
  /** Whole concepts by slug (`undefined` for an unknown slug). */
  readonly concepts: DataLoader<string, StoredConcept | undefined>;
  readonly chapters: DataLoader<number, Chapter | undefined>;
  readonly chapterConcepts: DataLoader<number, StoredConcept[]>;
  /**
   * Behind `degree` and every plain list: a key is a slug and the relationship type a field needs
   * (none for `degree`); one batch reads each slug's lists of every type asked for.
   */
  private readonly neighbourLists: DataLoader<
    { slug: string; type?: RelationType },
    ConceptNeighbours,
    string
  >;
  /** One loader per distinct set of `relations` arguments, each batching over the page's concepts. */
  private readonly relationPages = new Map<string, DataLoader<string, RelationConnection>>();
  private chapterList: Promise<Chapter[]> | undefined;

  constructor(private readonly reads: Reader) {
    this.concepts = new DataLoader((slugs) => findConceptsBySlugs(reads, slugs));
    this.chapters = new DataLoader((numbers) => findChaptersByNumbers(reads, numbers));
    this.chapterConcepts = new DataLoader(async (numbers) => {
      const lists = await conceptsOfChapters(reads, numbers);
      this.prime(lists.flat());
      return lists;
    });
    this.neighbourLists = new DataLoader(
      async (keys) => {
        const slugs = [...new Set(keys.map((k) => k.slug))];
        const types = [...new Set(keys.flatMap((k) => (k.type ? [k.type] : [])))];
        const lists = await neighbourLists(reads, slugs, types, RELATED_LIST_LIMIT);
        const bySlug = new Map(slugs.map((slug, i) => [slug, lists[i] as ConceptNeighbours]));
        return keys.map((k) => bySlug.get(k.slug) as ConceptNeighbours);
      },
      { cacheKeyFn: (k) => `${k.slug}|${k.type ?? ''}` },
    );
  }

  /** Lets later fields (a relation's `from`/`to`, details) reuse concepts a query already returned. */
  prime(concepts: Iterable<StoredConcept>): void {
    for (const concept of concepts) this.concepts.prime(concept.slug, concept);
  }

  /** One field of a concept: at hand when whole, loaded (batched with its siblings) for a head. */
  detail<K extends keyof StoredConcept>(
    concept: ConceptRow,
    key: K,
  ): StoredConcept[K] | Promise<StoredConcept[K]> {
    if (!isHead(concept)) return concept[key];
    return this.concepts.load(concept.slug).then((whole) => {
      if (!whole) throw new Error(`concept ${concept.slug} vanished during the request`);
      return whole[key];
    });
  }

  async neighbours(slug: string, type: RelationType, direction: Direction): Promise<ConceptHead[]> {
    return listOf(await this.neighbourLists.load({ slug, type }), type, direction, RELATED_LIST_LIMIT);
  }

  async degree(slug: string): Promise<number> {
    return (await this.neighbourLists.load({ slug })).degree;
  }

  relations(slug: string, query: RelationsQuery): Promise<RelationConnection> {
    const key = JSON.stringify([query.direction, query.types, query.request]);
    let loader = this.relationPages.get(key);
    if (!loader) {
      loader = new DataLoader(async (slugs) => {
        const pages = await relationPages(this.reads, slugs, {
          direction: query.direction,
          types: query.types,
          window: windowOf(query.request),
        });
        return pages.map((page) => {
          this.prime(page.relations.map((r) => r.other));
          return {
            ...toConnection(page.relations, query.request, relationKeyOf, (r) => ({
              node: r.relation,
              direction: r.direction,
              other: r.other,
            })),
            totalCount: page.total,
          };
        });
      });
      this.relationPages.set(key, loader);
    }
    return loader.load(slug);
  }

  allChapters(): Promise<Chapter[]> {
    this.chapterList ??= listChapters(this.reads).then((chapters) => {
      for (const chapter of chapters) this.chapters.prime(chapter.number, chapter);
      return chapters;
    });
    return this.chapterList;
  }
}
