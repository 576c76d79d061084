/**
 * Whole-graph validation of the data read from `data/`: everything that a per-entry schema cannot
 * see. Every problem names the file, line and entry and, for a near-miss slug, what was meant.
 */
import { closest, distance } from 'fastest-levenshtein';
import { adjacency, findCycles, redundantEdges } from '../digraph.ts';
import {
  CONCEPT_KIND_NAMES,
  type ConceptKind,
  isRelationType,
  PREREQUISITE_TYPES,
  RELATION_TYPE_NAMES,
  RELATION_TYPES,
  type RelationType,
  SLUG_PATTERN,
} from '../domain.ts';
import { type DataProblem, type GraphData, isForbiddenInValue, type SourcedRelation } from './data-files.ts';
import { lintTeaching } from './teaching-lint.ts';

/** Suggests the closest candidate when it is plausibly a typo of `value`. */
export function didYouMean(value: string, candidates: readonly string[]): string {
  if (candidates.length === 0) return '';
  const best = closest(value, candidates as string[]);
  const limit = Math.max(2, Math.floor(value.length / 3));
  return distance(value, best) <= limit ? ` (did you mean "${best}"?)` : '';
}

export function validateGraph(data: GraphData, problems: DataProblem[]): void {
  const error = (p: Omit<DataProblem, 'severity'>) => problems.push({ ...p, severity: 'error' });
  const warning = (p: Omit<DataProblem, 'severity'>) => problems.push({ ...p, severity: 'warning' });

  const chapterNumbers = new Set<number>();
  for (const chapter of data.chapters) {
    if (chapterNumbers.has(chapter.number)) {
      error({
        source: chapter.source,
        entry: `chapter ${chapter.number}`,
        message: 'duplicate chapter number',
      });
    }
    chapterNumbers.add(chapter.number);
  }

  const slugs = new Map<string, (typeof data.concepts)[number]>();
  for (const concept of data.concepts) {
    const entry = concept.slug;
    if (!SLUG_PATTERN.test(concept.slug)) {
      error({
        source: concept.source,
        entry,
        message: 'slug must be kebab-case: lowercase letters and digits separated by single dashes',
      });
    }
    const first = slugs.get(concept.slug);
    if (first) {
      error({
        source: concept.source,
        entry,
        message: `duplicate slug, first defined at ${first.source.file}:${first.source.line}`,
      });
    } else {
      slugs.set(concept.slug, concept);
    }
    if (!CONCEPT_KIND_NAMES.includes(concept.kind as ConceptKind)) {
      error({
        source: concept.source,
        entry,
        message: `unknown kind "${concept.kind}"${didYouMean(concept.kind, CONCEPT_KIND_NAMES)}`,
      });
    }
    for (const number of concept.chapters) {
      if (!chapterNumbers.has(number))
        error({ source: concept.source, entry, message: `chapter ${number} is not in chapters.yaml` });
    }
  }

  const known = [...slugs.keys()];
  const valid: SourcedRelation[] = [];
  const declared = new Map<string, SourcedRelation>();
  for (const relation of data.relations) {
    const entry = relation.from;
    const where = `${relation.type} → "${relation.to}"`;
    let ok = true;
    if (!isRelationType(relation.type)) {
      error({
        source: relation.source,
        entry,
        message: `unknown relationship type "${relation.type}"${didYouMean(relation.type, RELATION_TYPE_NAMES)}`,
      });
      ok = false;
    }
    if (!slugs.has(relation.to)) {
      error({
        source: relation.source,
        entry,
        message: `${where}: no concept has this slug${didYouMean(relation.to, known)}`,
      });
      ok = false;
    }
    if (relation.to === relation.from) {
      error({ source: relation.source, entry, message: `${where}: a concept cannot relate to itself` });
      ok = false;
    }
    if (relation.chapter !== null && !chapterNumbers.has(relation.chapter)) {
      error({
        source: relation.source,
        entry,
        message: `${where}: chapter ${relation.chapter} is not in chapters.yaml`,
      });
    }
    if (!ok) continue;
    const type = relation.type as RelationType;
    const key = `${relation.from}|${type}|${relation.to}`;
    const mirrored = `${relation.to}|${type}|${relation.from}`;
    const previous =
      declared.get(key) ?? (RELATION_TYPES[type].symmetric ? declared.get(mirrored) : undefined);
    if (previous) {
      error({
        source: relation.source,
        entry,
        message: `${where}: declared twice (also at ${previous.source.file}:${previous.source.line}${
          previous.from === relation.from ? '' : `, on "${previous.from}"; symmetric types are declared once`
        })`,
      });
      continue;
    }
    declared.set(key, relation);
    valid.push(relation);
  }

  for (const type of RELATION_TYPE_NAMES.filter((t) => RELATION_TYPES[t].acyclic)) {
    const edges = valid.filter((r) => r.type === type);
    for (const cycle of findCycles(adjacency(edges))) {
      const start = edges.find((r) => r.from === cycle[0] && r.to === cycle[1]);
      error({
        source: start?.source ?? { file: 'data/concepts' },
        entry: cycle[0],
        message: `${type} cycle: ${cycle.join(' → ')} (${type} must be acyclic)`,
      });
    }
  }

  // REQUIRES and IS_A are both prerequisites: together they must be acyclic too, and a REQUIRES
  // that another path of them already implies only clutters learning paths.
  const prerequisites = valid.filter((r) => (PREREQUISITE_TYPES as string[]).includes(r.type));
  const acyclicAlone = PREREQUISITE_TYPES.every(
    (type) => findCycles(adjacency(prerequisites.filter((r) => r.type === type))).length === 0,
  );
  const pairs = new Map<string, { from: string; to: string }>();
  for (const { from, to } of prerequisites) pairs.set(`${from}|${to}`, { from, to });
  const prerequisiteGraph = adjacency(pairs.values());
  const mixedCycles = acyclicAlone ? findCycles(prerequisiteGraph) : [];
  for (const cycle of mixedCycles) {
    const start = prerequisites.find((r) => r.from === cycle[0] && r.to === cycle[1]);
    error({
      source: start?.source ?? { file: 'data/concepts' },
      entry: cycle[0],
      message: `prerequisite cycle through REQUIRES and IS_A: ${cycle.join(' → ')} (together they must be acyclic)`,
    });
  }
  if (mixedCycles.length === 0) {
    for (const { from, to, via } of redundantEdges(prerequisiteGraph)) {
      const edge = prerequisites.find((r) => r.from === from && r.to === to && r.type === 'REQUIRES');
      if (!edge) continue; // an IS_A stays: "is a kind of" is worth saying even when implied
      warning({
        source: edge.source,
        entry: from,
        message: `REQUIRES → "${to}" is redundant: already implied through "${via}"`,
      });
    }
  }

  const connected = new Set<string>();
  for (const relation of valid) {
    connected.add(relation.from);
    connected.add(relation.to);
  }
  for (const concept of slugs.values()) {
    if (!connected.has(concept.slug)) {
      error({
        source: concept.source,
        entry: concept.slug,
        message: 'has no relationship: every concept needs at least one',
      });
    }
  }

  // The teaching linter judges valid data only: next to errors, its findings would mostly be
  // follow-ons of them (a refused entry leaves its neighbours "outside the prerequisite graph").
  if (!problems.some((p) => p.severity === 'error'))
    lintTeaching({ chapters: data.chapters, concepts: [...slugs.values()], relations: valid }, warning);

  const covered = new Set(data.concepts.flatMap((c) => c.chapters));
  for (const chapter of data.chapters) {
    if (!covered.has(chapter.number)) {
      warning({
        source: chapter.source,
        entry: `chapter ${chapter.number}`,
        message: 'no concept cites this chapter',
      });
    }
  }
}

/** Longest entry name a message shows; longer ones (a 1 MB slug) are cut, with their length. */
const MAX_SHOWN_ENTRY = 60;

/**
 * Makes text from the data safe for a terminal: every control character (ESC starts the escape
 * sequences that recolour, move the cursor or retitle the window) is shown escaped, as `\x1b` or
 * `\u202e`, never sent raw.
 */
export function printable(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (!isForbiddenInValue(code, false)) out += char;
    else if (code <= 0xff) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += `\\u${code.toString(16).padStart(4, '0')}`;
  }
  return out;
}

export function formatProblem(problem: DataProblem): string {
  const where = problem.source.line ? `${problem.source.file}:${problem.source.line}` : problem.source.file;
  const name = problem.entry ?? '';
  const shown =
    name.length > MAX_SHOWN_ENTRY ? `${name.slice(0, MAX_SHOWN_ENTRY)}… (${name.length} characters)` : name;
  const entry = problem.entry ? ` [${shown}]` : '';
  return printable(`${problem.severity}: ${where}${entry}: ${problem.message}`);
}
