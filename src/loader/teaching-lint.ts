/**
 * The loader as a teaching linter: checks that keep the graph useful to a learner rather than
 * merely valid. Each finding is a warning; `npm run load -- --strict` makes them errors (CI runs
 * it on our data). data/README.md explains each rule and how to satisfy it.
 */
import { PREREQUISITE_TYPES } from '../domain.ts';
import type { DataProblem, SourcedChapter, SourcedConcept, SourcedRelation } from './data-files.ts';

/** How many edges may carry the very same note before it counts as boilerplate. */
export const MAX_EDGES_PER_NOTE = 3;

export interface LintInput {
  chapters: SourcedChapter[];
  /** Valid concepts, one per slug. */
  concepts: SourcedConcept[];
  /** Valid relationships (known types, existing endpoints, no duplicates). */
  relations: SourcedRelation[];
}

type Report = (problem: Omit<DataProblem, 'severity'>) => void;

const isPrerequisite = (r: SourcedRelation) => (PREREQUISITE_TYPES as string[]).includes(r.type);

/** Notes, names and aliases compare case-insensitively, with runs of whitespace as one space. */
const normalize = (text: string) => text.trim().replace(/\s+/g, ' ').toLowerCase();

export function lintTeaching(data: LintInput, warn: Report): void {
  sharedNotes(data, warn);
  prerequisiteAndStructureOnOnePair(data, warn);
  prerequisitesFromLaterChapters(data, warn);
  ambiguousAliases(data, warn);
  outsideThePrerequisiteGraph(data, warn);
}

/** The same note on more than a few edges says nothing about any of them. */
function sharedNotes({ relations }: LintInput, warn: Report): void {
  const byNote = new Map<string, SourcedRelation[]>();
  for (const relation of relations) {
    if (!relation.note) continue;
    const key = normalize(relation.note);
    const list = byNote.get(key);
    if (list) list.push(relation);
    else byNote.set(key, [relation]);
  }
  for (const edges of byNote.values()) {
    if (edges.length <= MAX_EDGES_PER_NOTE) continue;
    const [first, ...others] = edges as [SourcedRelation, ...SourcedRelation[]];
    const shown = others.slice(0, 5).map((r) => `${r.from} ${r.type} ${r.to}`);
    const more = others.length > shown.length ? ` and ${others.length - shown.length} more` : '';
    warn({
      source: first.source,
      entry: first.from,
      message:
        `the note "${first.note}" is on ${edges.length} edges (at most ${MAX_EDGES_PER_NOTE} may share one): ` +
        `say what is specific to each pair (also on ${shown.join(', ')}${more})`,
    });
  }
}

/** REQUIRES next to IS_A or PART_OF on the same ordered pair: one of them is the wrong word. */
function prerequisiteAndStructureOnOnePair({ relations }: LintInput, warn: Report): void {
  const types = new Map<string, Set<string>>();
  for (const r of relations) {
    const key = `${r.from}|${r.to}`;
    const set = types.get(key) ?? new Set<string>();
    set.add(r.type);
    types.set(key, set);
  }
  for (const r of relations) {
    if (r.type !== 'REQUIRES') continue;
    const onPair = types.get(`${r.from}|${r.to}`) as Set<string>;
    if (onPair.has('IS_A'))
      warn({
        source: r.source,
        entry: r.from,
        message: `REQUIRES → "${r.to}" repeats the IS_A on the same pair (IS_A is already a prerequisite): remove the REQUIRES`,
      });
    if (onPair.has('PART_OF'))
      warn({
        source: r.source,
        entry: r.from,
        message:
          `REQUIRES and PART_OF → "${r.to}" on the same pair: if "${r.from}" is a kind of "${r.to}", ` +
          `say IS_A alone; if it is a component, keep PART_OF and give it the prerequisites it really needs`,
      });
  }
}

/**
 * A prerequisite first covered in a later chapter than the concept that needs it makes a learner
 * read ahead. Allowed when the note says why and names that chapter ("... chapter 14 ...").
 */
function prerequisitesFromLaterChapters({ concepts, relations }: LintInput, warn: Report): void {
  const first = new Map(concepts.map((c) => [c.slug, Math.min(...c.chapters)]));
  for (const r of relations) {
    if (!isPrerequisite(r)) continue;
    const from = first.get(r.from) as number;
    const to = first.get(r.to) as number;
    if (to <= from) continue;
    if (r.note && new RegExp(`\\bchapter ${to}\\b`, 'i').test(r.note)) continue;
    warn({
      source: r.source,
      entry: r.from,
      message:
        `${r.type} → "${r.to}" points ahead: "${r.to}" is first covered in chapter ${to}, "${r.from}" in chapter ${from}; ` +
        `drop it, or say in the note why a learner needs it first and name "chapter ${to}"`,
    });
  }
}

/** An alias must lead to one concept: not shared, not another concept's name or slug. */
function ambiguousAliases({ concepts }: LintInput, warn: Report): void {
  const named = new Map<string, SourcedConcept>();
  for (const c of concepts) {
    named.set(normalize(c.name), c);
    named.set(c.slug, c);
  }
  const aliasOwner = new Map<string, SourcedConcept>();
  for (const c of concepts) {
    for (const alias of new Set(c.aliases.map(normalize))) {
      const shown = c.aliases.find((a) => normalize(a) === alias) as string;
      const owner = aliasOwner.get(alias);
      if (owner && owner.slug !== c.slug)
        warn({
          source: c.source,
          entry: c.slug,
          message: `alias "${shown}" is also an alias of "${owner.slug}": an alias must lead to one concept`,
        });
      else aliasOwner.set(alias, c);
      const other = named.get(alias);
      if (other && other.slug !== c.slug)
        warn({
          source: c.source,
          entry: c.slug,
          message: `alias "${shown}" is the ${other.slug === alias ? 'slug' : 'name'} of "${other.slug}": an alias must lead to one concept`,
        });
    }
  }
}

/** A concept no prerequisite edge touches can never appear in a learning path. */
function outsideThePrerequisiteGraph({ concepts, relations }: LintInput, warn: Report): void {
  const touched = new Set<string>();
  for (const r of relations) {
    if (!isPrerequisite(r)) continue;
    touched.add(r.from);
    touched.add(r.to);
  }
  for (const c of concepts) {
    if (touched.has(c.slug)) continue;
    warn({
      source: c.source,
      entry: c.slug,
      message: `is outside the prerequisite graph: no REQUIRES or IS_A goes in or out, so no learning path can include it`,
    });
  }
}
