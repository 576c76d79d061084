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
  RELATION_TYPE_NAMES,
  RELATION_TYPES,
  type RelationType,
  SLUG_PATTERN,
} from '../domain.ts';
import type { DataProblem, GraphData, SourcedRelation } from './data-files.ts';

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

  const requires = valid.filter((r) => r.type === 'REQUIRES');
  for (const { from, to, via } of redundantEdges(adjacency(requires))) {
    const edge = requires.find((r) => r.from === from && r.to === to);
    warning({
      source: edge?.source ?? { file: 'data/concepts' },
      entry: from,
      message: `REQUIRES → "${to}" is redundant: already implied through "${via}"`,
    });
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

export function formatProblem(problem: DataProblem): string {
  const where = problem.source.line ? `${problem.source.file}:${problem.source.line}` : problem.source.file;
  const entry = problem.entry ? ` [${problem.entry}]` : '';
  return `${problem.severity}: ${where}${entry}: ${problem.message}`;
}
