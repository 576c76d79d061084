/**
 * Unknown slugs become one CONCEPT_NOT_FOUND error naming every argument and slug at fault, with
 * suggestions for the first few of them — all from one batched query, however many slugs a
 * request names: a list of 500 unknown slugs must not cost 500 reads. A fuzzy suggestion costs
 * Neo4j ~20 ms, so a request gets suggestions for its first few unknown slugs in all, however
 * many fields (or aliases) name them.
 */
import { conceptNotFound } from '../errors.ts';
import { suggestSlugs } from '../graph/concepts.ts';
import type { StoredConcept } from '../graph/records.ts';
import type { Reader } from '../neo4j/database.ts';
import type { RequestLoaders } from './loaders.ts';

/** Suggestions are looked up for at most this many unknown slugs of one request. */
export const MAX_SUGGESTED_SLUGS = 5;

export interface SlugArgument {
  argument: string;
  slugs: readonly string[];
}

export class SlugChecks {
  /** Suggestions looked up by this request, by unknown slug. */
  private readonly suggestions = new Map<string, Promise<string[]>>();
  /** Checks made by this request, by their arguments: 15 aliases naming the same 500 slugs check them once. */
  private readonly checks = new Map<string, Promise<StoredConcept[]>>();

  constructor(
    private readonly reads: Reader,
    private readonly loaders: RequestLoaders,
  ) {}

  /**
   * The concepts of every slug given, in order; or CONCEPT_NOT_FOUND naming the arguments whose
   * slugs are unknown. Slugs already seen by this request cost nothing.
   */
  require(groups: readonly SlugArgument[]): Promise<StoredConcept[]> {
    const key = JSON.stringify(groups);
    let check = this.checks.get(key);
    if (!check) {
      check = this.check(groups);
      this.checks.set(key, check);
    }
    return check;
  }

  private async check(groups: readonly SlugArgument[]): Promise<StoredConcept[]> {
    const slugs = groups.flatMap((group) => group.slugs);
    if (slugs.length === 0) return [];
    const loaded = await this.loaders.concepts.loadMany(slugs);
    // A failed lookup (Neo4j down, say) is not a missing slug: let it surface as what it is.
    const failure = loaded.find((result) => result instanceof Error);
    if (failure) throw failure;
    const missing: SlugArgument[] = [];
    let offset = 0;
    for (const group of groups) {
      const absent = group.slugs.filter((_, i) => loaded[offset + i] === undefined);
      offset += group.slugs.length;
      if (absent.length > 0) missing.push({ argument: group.argument, slugs: absent });
    }
    if (missing.length === 0) return loaded as StoredConcept[];
    const unknown = [...new Set(missing.flatMap((group) => group.slugs))];
    const suggestions = await Promise.all(unknown.map((slug) => this.suggest(slug, unknown)));
    throw conceptNotFound(
      unknown.map((slug, i) => ({ slug, suggestions: suggestions[i] ?? [] })),
      missing.map((group) => group.argument).join(', '),
    );
  }

  /** Suggestions for `slug`, looked up with the other `unknown` slugs while the request has room. */
  private suggest(slug: string, unknown: readonly string[]): Promise<string[]> {
    if (!this.suggestions.has(slug) && this.suggestions.size < MAX_SUGGESTED_SLUGS) {
      const batch = unknown
        .filter((other) => !this.suggestions.has(other))
        .slice(0, MAX_SUGGESTED_SLUGS - this.suggestions.size);
      const found = suggestSlugs(this.reads, batch);
      for (const other of batch)
        this.suggestions.set(
          other,
          found.then((all) => all.get(other) ?? []),
        );
    }
    return this.suggestions.get(slug) ?? Promise.resolve([]);
  }
}
