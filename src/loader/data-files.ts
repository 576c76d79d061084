/**
 * Reads the curated graph from `data/`: `chapters.yaml` and every `concepts/*.yaml`. Each entry
 * keeps the file and line it came from, so that every validation error can point a curator at it.
 * Shape errors are collected, never thrown; a file that fails to parse contributes no entries.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { isMap, isSeq, LineCounter, parseDocument, type YAMLMap } from 'yaml';
import { z } from 'zod';
import type { Chapter, Concept, ConceptKind, RelationType } from '../domain.ts';

/** Where an entry was written. */
export interface Source {
  file: string;
  line?: number;
}

export interface SourcedConcept extends Omit<Concept, 'kind'> {
  kind: ConceptKind | string;
  source: Source;
}

export interface SourcedRelation {
  type: RelationType | string;
  from: string;
  to: string;
  note: string | null;
  chapter: number | null;
  source: Source;
}

export interface SourcedChapter extends Chapter {
  source: Source;
}

export interface DataProblem {
  source: Source;
  /** The slug or chapter number of the entry, when known. */
  entry?: string;
  message: string;
  severity: 'error' | 'warning';
}

export interface GraphData {
  chapters: SourcedChapter[];
  concepts: SourcedConcept[];
  relations: SourcedRelation[];
}

const text = z.string().trim().min(1, 'must not be empty');

const relationSchema = z.strictObject({
  type: text,
  to: text,
  note: text,
  chapter: z.number().int().min(1).max(99).optional(),
});

const conceptSchema = z.strictObject({
  slug: text,
  name: text,
  kind: text,
  summary: text.max(800, 'must be at most 800 characters (1-3 sentences)'),
  aliases: z.array(text).default([]),
  tags: z.array(text).min(1, 'needs at least one tag'),
  chapters: z.array(z.number().int().min(1)).min(1, 'needs at least one chapter'),
  background: z.boolean().default(false),
  estimatedMinutes: z.number().int().min(1).max(240).nullable().default(null),
  relations: z.array(z.unknown()).default([]),
});

const chapterSchema = z.strictObject({
  number: z.number().int().min(1),
  title: text,
  summary: text,
});

// Zod 4 drops `issue.input` unless asked; without it a wrong type reads as a missing field.
const REPORT_INPUT = { reportInput: true };

function describeIssue(issue: z.core.$ZodIssue): string {
  const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  if (issue.code === 'unrecognized_keys')
    return `${where}unknown field(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  if (issue.code === 'invalid_type' && issue.input === undefined) return `${where}is required`;
  return `${where}${issue.message}`;
}

interface ParsedFile {
  items: { value: unknown; line: number; node: YAMLMap | undefined }[];
  lineOf: (offset: number | undefined) => number | undefined;
}

/** Parses one YAML file and returns the items of its top-level list `key`, each with its line. */
function readList(
  path: string,
  displayPath: string,
  key: string,
  problems: DataProblem[],
): ParsedFile | undefined {
  const lineCounter = new LineCounter();
  const document = parseDocument(readFileSync(path, 'utf8'), {
    lineCounter,
    prettyErrors: false,
    uniqueKeys: true,
  });
  const lineOf = (offset: number | undefined) =>
    offset === undefined ? undefined : lineCounter.linePos(offset).line;
  if (document.errors.length > 0) {
    for (const error of document.errors) {
      problems.push({
        // `linePos` is only filled in with `prettyErrors`, which would also rewrite the message.
        source: { file: displayPath, line: error.linePos?.[0]?.line ?? lineOf(error.pos[0]) },
        message: `YAML syntax error: ${error.message.split('\n')[0]}`,
        severity: 'error',
      });
    }
    return undefined;
  }
  const list = isMap(document.contents) ? document.contents.get(key, true) : undefined;
  if (!isSeq(list)) {
    problems.push({
      source: { file: displayPath, line: 1 },
      message: `expected a top-level "${key}:" list`,
      severity: 'error',
    });
    return undefined;
  }
  const items = list.items.map((node) => ({
    value: (node as { toJSON?: () => unknown }).toJSON?.() ?? node,
    line: lineOf((node as { range?: [number] }).range?.[0]) ?? 1,
    node: isMap(node) ? node : undefined,
  }));
  return { items, lineOf };
}

/** Reads and shape-checks every data file under `dataDir`. */
export function readGraphData(dataDir: string, problems: DataProblem[]): GraphData {
  const display = (path: string) => relative(process.cwd(), path) || path;
  const data: GraphData = { chapters: [], concepts: [], relations: [] };

  const chaptersPath = join(dataDir, 'chapters.yaml');
  let chapterFile: ParsedFile | undefined;
  try {
    chapterFile = readList(chaptersPath, display(chaptersPath), 'chapters', problems);
  } catch (error) {
    problems.push({
      source: { file: display(chaptersPath) },
      message: `cannot read: ${(error as Error).message}`,
      severity: 'error',
    });
  }
  for (const item of chapterFile?.items ?? []) {
    const parsed = chapterSchema.safeParse(item.value, REPORT_INPUT);
    const source = { file: display(chaptersPath), line: item.line };
    if (!parsed.success) {
      const entry = (item.value as { number?: unknown })?.number;
      for (const issue of parsed.error.issues) {
        problems.push({
          source,
          entry: entry === undefined ? undefined : `chapter ${entry}`,
          message: describeIssue(issue),
          severity: 'error',
        });
      }
      continue;
    }
    data.chapters.push({ ...parsed.data, source });
  }

  const conceptsDir = join(dataDir, 'concepts');
  let files: string[] = [];
  try {
    files = readdirSync(conceptsDir)
      .filter((name) => name.endsWith('.yaml') || name.endsWith('.yml'))
      .sort();
  } catch (error) {
    problems.push({
      source: { file: display(conceptsDir) },
      message: `cannot read: ${(error as Error).message}`,
      severity: 'error',
    });
  }
  for (const name of files) {
    const path = join(conceptsDir, name);
    const file = display(path);
    const parsedFile = readList(path, file, 'concepts', problems);
    for (const item of parsedFile?.items ?? []) {
      const source = { file, line: item.line };
      const slugGuess = (item.value as { slug?: unknown })?.slug;
      const entry = typeof slugGuess === 'string' ? slugGuess : undefined;
      const parsed = conceptSchema.safeParse(item.value, REPORT_INPUT);
      if (!parsed.success) {
        for (const issue of parsed.error.issues)
          problems.push({ source, entry, message: describeIssue(issue), severity: 'error' });
        continue;
      }
      const { relations, ...concept } = parsed.data;
      data.concepts.push({
        ...concept,
        chapters: [...new Set(concept.chapters)].sort((a, b) => a - b),
        source,
      });

      const relationNodes = item.node?.get('relations', true);
      relations.forEach((raw, index) => {
        const relationNode = isSeq(relationNodes) ? relationNodes.items[index] : undefined;
        const relationSource = {
          file,
          line:
            parsedFile?.lineOf((relationNode as { range?: [number] } | undefined)?.range?.[0]) ?? item.line,
        };
        const relation = relationSchema.safeParse(raw, REPORT_INPUT);
        if (!relation.success) {
          for (const issue of relation.error.issues) {
            problems.push({
              source: relationSource,
              entry,
              message: `relations[${index}]: ${describeIssue(issue)}`,
              severity: 'error',
            });
          }
          return;
        }
        data.relations.push({
          type: relation.data.type,
          from: concept.slug,
          to: relation.data.to,
          note: relation.data.note,
          chapter: relation.data.chapter ?? null,
          source: relationSource,
        });
      });
    }
  }
  return data;
}
