/**
 * The request's DataLoaders: whatever a document asks of the concepts on a page (their whole
 * records, plain relation lists, degrees, relation pages, chapters), each kind costs one query
 * for the whole page. Lists and degrees that a level's own query already read (see
 * `graph/selection.ts`) are kept at hand and served without a load. They live as long as the
 * request, so nothing is cached between requests.
 */
import DataLoader from 'dataloader';
import type { Chapter, RelationType } from '../domain.ts';
import { conceptsOfChapters, findChaptersByNumbers, listChapters } from '../graph/chapters.ts';
import { findConceptsBySlugs } from '../graph/concepts.ts';
import type { Direction } from '../graph/cypher.ts';
import type { ConceptRow, StoredConcept } from '../graph/records.ts';
import { type ConceptRelation, neighbourLists, relationKeyOf, relationPages } from '../graph/relations.ts';
import { LIST_ITEM_COLUMNS, type ListSpec, listKey, type SelectedConcept } from '../graph/selection.ts';
import type { Reader } from '../neo4j/database.ts';
import { type Connection, type PageRequest, toConnection, windowOf } from './pagination.ts';

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
   * Behind `degree` and every plain list not read with its concept: a key is a slug and the list
   * a field needs (none for `degree`); one batch reads each slug's lists of every kind asked for.
   */
  private readonly neighbourLists: DataLoader<{ slug: string; list?: ListSpec }, void, string>;
  /** Lists (by `TYPE|DIRECTION`, then slug) and degrees (by slug) already read this request. */
  private readonly listsAtHand = new Map<string, Map<string, ConceptRow[]>>();
  private readonly degreesAtHand = new Map<string, number>();
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
        const lists = new Map<string, ListSpec>();
        for (const { list } of keys) if (list) lists.set(listKey(list), list);
        const selected = await neighbourLists(reads, slugs, {
          lists: [...lists.values()],
          itemColumns: LIST_ITEM_COLUMNS,
          degree: keys.some((k) => !k.list),
        });
        this.primeSelected(selected.filter((s): s is SelectedConcept => s !== undefined));
        return keys.map(() => undefined);
      },
      { cacheKeyFn: (k) => `${k.slug}|${k.list ? listKey(k.list) : ''}` },
    );
  }

  /** Lets later fields (a relation's `from`/`to`, details) reuse concepts a query already returned. */
  prime(concepts: Iterable<StoredConcept>): void {
    for (const concept of concepts) this.concepts.prime(concept.slug, concept);
  }

  /**
   * Concepts as a level's query read them: whole ones serve later lookups, and the lists and
   * degrees read with them serve their fields without another query.
   */
  primeSelected(selected: Iterable<SelectedConcept>): void {
    for (const { row, lists, degree, whole } of selected) {
      if (whole) this.concepts.prime(row.slug, row as StoredConcept);
      for (const [key, items] of lists) {
        let bySlug = this.listsAtHand.get(key);
        if (!bySlug) {
          bySlug = new Map();
          this.listsAtHand.set(key, bySlug);
        }
        bySlug.set(row.slug, items);
      }
      if (degree !== undefined) this.degreesAtHand.set(row.slug, degree);
    }
  }

  /** One field of a concept: at hand when its query read it, else loaded (batched with its siblings). */
  detail<K extends keyof StoredConcept>(
    concept: ConceptRow,
    key: K,
  ): StoredConcept[K] | Promise<StoredConcept[K]> {
    const value = concept[key];
    if (value !== undefined) return value as StoredConcept[K];
    return this.concepts.load(concept.slug).then((whole) => {
      if (!whole) throw new Error(`concept ${concept.slug} vanished during the request`);
      return whole[key];
    });
  }

  /**
   * A plain list: at hand (a plain value, no promise) when read with its concept, else loaded.
   * Called for every list of every concept of a page: `key` is the list's `listKey`, made once.
   */
  neighbours(slug: string, list: ListSpec, key: string): ConceptRow[] | Promise<ConceptRow[]> {
    const atHand = this.listsAtHand.get(key)?.get(slug);
    if (atHand) return atHand;
    return this.neighbourLists.load({ slug, list }).then(() => this.listsAtHand.get(key)?.get(slug) ?? []);
  }

  degree(slug: string): number | Promise<number> {
    const atHand = this.degreesAtHand.get(slug);
    if (atHand !== undefined) return atHand;
    return this.neighbourLists.load({ slug }).then(() => this.degreesAtHand.get(slug) ?? 0);
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
