/**
 * Reads the curated graph from `data/`: `chapters.yaml` and every `concepts/*.yaml`. Each entry
 * keeps the file and line it came from, so that every validation error can point a curator at it.
 * Shape errors are collected, never thrown; a file that fails to parse contributes no entries.
 *
 * The files are untrusted input: only regular files inside the data directory are read, each one's
 * size is checked before a byte of it is read, its bytes must be UTF-8 plain text, and every field
 * has a length cap and refuses control characters (see `DATA_LIMITS` and data/README.md).
 */

import { isUtf8 } from 'node:buffer';
import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  readdirSync,
  readSync,
  realpathSync,
  type Stats,
} from 'node:fs';
import { join, relative, sep } from 'node:path';
import { isMap, isSeq, LineCounter, parseDocument, type YAMLMap } from 'yaml';
import { z } from 'zod';
import type { Chapter, Concept, ConceptKind, RelationType } from '../domain.ts';

/** Limits on what one data file and one entry may hold; documented in data/README.md. */
export const DATA_LIMITS = {
  /** Bytes in one data file, checked before it is read. */
  fileBytes: 1024 * 1024,
  /** Nodes that a file's YAML aliases (`*name`) may expand to, in all; a bomb stays refused. */
  yamlAliasExpansion: 100,
  slug: 64,
  name: 100,
  kind: 40,
  alias: 60,
  aliases: 16,
  tag: 32,
  tags: 8,
  summary: 800,
  note: 300,
  chapterTitle: 120,
  chapterSummary: 800,
  relations: 40,
} as const;

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

/**
 * Characters no data value may hold: C0 and C1 control characters (ESC starts the terminal's
 * escape sequences), DEL, and the bidirectional overrides that make text read differently from
 * what it holds. Summaries and notes may hold tabs and line breaks; one-line fields may not.
 */
export function isForbiddenInValue(code: number, multiline: boolean): boolean {
  if (multiline && (code === 0x09 || code === 0x0a)) return false;
  return (
    code < 0x20 ||
    (code >= 0x7f && code <= 0x9f) ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069)
  );
}

/**
 * Characters YAML 1.2 does not allow in a stream: it allows tab, CR, LF, printable ASCII, NEL and
 * the rest of Unicode except surrogates and U+FFFE/U+FFFF.
 */
function isForbiddenInFile(code: number): boolean {
  if (code === 0x09 || code === 0x0a || code === 0x0d || code === 0x85) return false;
  return code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0xfffe || code === 0xffff;
}

/** Index of the first character of `value` that `forbidden` refuses, or -1. */
function firstForbidden(value: string, forbidden: (code: number) => boolean): number {
  for (let i = 0; i < value.length; i++) if (forbidden(value.charCodeAt(i))) return i;
  return -1;
}

const codePoint = (char: string) =>
  `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

/** A trimmed, non-empty string of at most `max` characters without control characters. */
function text(max: number, { multiline = false } = {}) {
  return z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .superRefine((value, ctx) => {
      if (value.length > max) {
        ctx.addIssue({
          code: 'custom',
          message: `must be at most ${max} characters (it has ${value.length})`,
        });
        return;
      }
      const at = firstForbidden(value, (code) => isForbiddenInValue(code, multiline));
      if (at >= 0)
        ctx.addIssue({
          code: 'custom',
          message: `must not contain the control character ${codePoint(value.charAt(at))} (at character ${at + 1})`,
        });
    });
}

const relationSchema = z.strictObject({
  type: text(DATA_LIMITS.kind),
  to: text(DATA_LIMITS.slug),
  note: text(DATA_LIMITS.note, { multiline: true }),
  chapter: z.number().int().min(1).max(99).optional(),
});

const conceptSchema = z.strictObject({
  slug: text(DATA_LIMITS.slug),
  name: text(DATA_LIMITS.name),
  kind: text(DATA_LIMITS.kind),
  summary: text(DATA_LIMITS.summary, { multiline: true }),
  aliases: z
    .array(text(DATA_LIMITS.alias))
    .max(DATA_LIMITS.aliases, `must hold at most ${DATA_LIMITS.aliases} aliases`)
    .default([]),
  tags: z
    .array(text(DATA_LIMITS.tag))
    .min(1, 'needs at least one tag')
    .max(DATA_LIMITS.tags, `must hold at most ${DATA_LIMITS.tags} tags`),
  chapters: z.array(z.number().int().min(1)).min(1, 'needs at least one chapter'),
  background: z.boolean().default(false),
  // Required in the curated data; only generated (synthetic) graphs go without a study time.
  estimatedMinutes: z
    .number({ error: 'must be a whole number of minutes' })
    .int('must be a whole number of minutes')
    .min(1, 'must be at least 1 minute')
    .max(240, 'must be at most 240 minutes: split a concept that takes longer'),
  relations: z
    .array(z.unknown())
    .max(DATA_LIMITS.relations, `must hold at most ${DATA_LIMITS.relations} relationships`)
    .default([]),
});

const chapterSchema = z.strictObject({
  number: z.number().int().min(1),
  title: text(DATA_LIMITS.chapterTitle),
  summary: text(DATA_LIMITS.chapterSummary, { multiline: true }),
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

/** What kind of file system object `stats` describes, for a message. */
function describeType(stats: Stats): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

const isInside = (root: string, path: string) => path === root || path.startsWith(root + sep);

/** Line (1-based) of byte `offset` in `bytes`. */
const lineAtByte = (bytes: Buffer, offset: number) => {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
};

/** Offset of the first byte that is not part of a well-formed UTF-8 sequence. */
function firstInvalidUtf8(bytes: Buffer): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    const length =
      b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (length === 0 || i + length > bytes.length) return i;
    // A one-sequence check leaves the fine rules (overlongs, surrogates) to `isUtf8`.
    if (!isUtf8(bytes.subarray(i, i + length))) return i;
    i += length;
  }
  return -1;
}

/**
 * Reads one data file if it is safe to: a regular file (directly or through a symbolic link that
 * stays inside `root`), at most `DATA_LIMITS.fileBytes` long, UTF-8 plain text. Never blocks: a
 * FIFO or a device is refused from its type, and the file is opened non-blocking and re-checked
 * through its descriptor, so a swap between the check and the read cannot make it hang either.
 */
export function readDataFile(
  path: string,
  root: string,
  display: string,
  problems: DataProblem[],
): string | undefined {
  const refuse = (message: string, line?: number) => {
    problems.push({ source: { file: display, line }, message, severity: 'error' });
    return undefined;
  };
  let link: Stats;
  try {
    link = lstatSync(path);
  } catch (error) {
    return refuse(`cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  let target = path;
  if (link.isSymbolicLink()) {
    try {
      target = realpathSync(path);
    } catch {
      return refuse('is a dangling symbolic link: its target does not exist');
    }
    if (!isInside(root, target))
      return refuse('is a symbolic link that leaves the data directory; data files must live inside it');
  }
  let fd: number;
  try {
    fd = openSync(target, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch (error) {
    return refuse(`cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  let bytes: Buffer;
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) return refuse(`is ${describeType(stats)}, not a regular file`);
    if (stats.size > DATA_LIMITS.fileBytes)
      return refuse(
        `is ${stats.size.toLocaleString('en')} bytes, over the limit of ${DATA_LIMITS.fileBytes.toLocaleString('en')} bytes per data file`,
      );
    // Read at most one byte more than the limit, whatever the size said.
    const buffer = Buffer.alloc(Math.min(stats.size, DATA_LIMITS.fileBytes) + 1);
    let length = 0;
    for (;;) {
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
      if (length === buffer.length) break;
    }
    if (length > DATA_LIMITS.fileBytes)
      return refuse(
        `grew over the limit of ${DATA_LIMITS.fileBytes.toLocaleString('en')} bytes while being read`,
      );
    bytes = buffer.subarray(0, length);
  } finally {
    closeSync(fd);
  }
  if (!isUtf8(bytes)) {
    const offset = firstInvalidUtf8(bytes);
    return refuse(
      `is not valid UTF-8 (byte 0x${(bytes[offset] ?? 0).toString(16).padStart(2, '0')} at offset ${offset}); save it as UTF-8`,
      lineAtByte(bytes, offset),
    );
  }
  const content = bytes.toString('utf8');
  const bad = firstForbidden(content, isForbiddenInFile);
  if (bad >= 0) {
    const line = content.slice(0, bad).split('\n').length;
    const char = content.charAt(bad);
    const what = char === '\u0000' ? 'a NUL byte' : `the control character ${codePoint(char)}`;
    return refuse(`contains ${what}; data files are plain text`, line);
  }
  return content;
}

interface ParsedFile {
  items: { value: unknown; line: number; node: YAMLMap | undefined }[];
  lineOf: (offset: number | undefined) => number | undefined;
}

/** Parses one YAML file and returns the items of its top-level list `key`, each with its line. */
function readList(
  path: string,
  root: string,
  displayPath: string,
  key: string,
  problems: DataProblem[],
): ParsedFile | undefined {
  const content = readDataFile(path, root, displayPath, problems);
  if (content === undefined) return undefined;
  const lineCounter = new LineCounter();
  const document = parseDocument(content, { lineCounter, prettyErrors: false, uniqueKeys: true });
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
  // Plain YAML aliases (a value written once with `&name` and reused with `*name`) are resolved;
  // their total expansion is capped so that an alias bomb is refused rather than expanded.
  let json: unknown;
  try {
    json = document.toJS({ maxAliasCount: DATA_LIMITS.yamlAliasExpansion });
  } catch (error) {
    const message = (error as Error).message;
    problems.push({
      source: { file: displayPath, line: 1 },
      message: /Excessive alias count/.test(message)
        ? `YAML aliases expand to more than ${DATA_LIMITS.yamlAliasExpansion} nodes: refused (write the values out, or reuse fewer)`
        : `YAML alias error: ${message.split('\n')[0]}`,
      severity: 'error',
    });
    return undefined;
  }
  const list = isMap(document.contents) ? document.contents.get(key, true) : undefined;
  const values = (json as Record<string, unknown> | null)?.[key];
  if (!isSeq(list) || !Array.isArray(values)) {
    problems.push({
      source: { file: displayPath, line: 1 },
      message: `expected a top-level "${key}:" list`,
      severity: 'error',
    });
    return undefined;
  }
  const items = list.items.map((node, index) => ({
    value: values[index],
    line: lineOf((node as { range?: [number] }).range?.[0]) ?? 1,
    node: isMap(node) ? node : undefined,
  }));
  return { items, lineOf };
}

/** Reads and shape-checks every data file under `dataDir`. */
export function readGraphData(dataDir: string, problems: DataProblem[]): GraphData {
  const display = (path: string) => relative(process.cwd(), path) || path;
  const data: GraphData = { chapters: [], concepts: [], relations: [] };
  let root: string;
  try {
    root = realpathSync(dataDir);
  } catch (error) {
    problems.push({
      source: { file: display(dataDir) },
      message: `cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      severity: 'error',
    });
    return data;
  }

  const chaptersPath = join(dataDir, 'chapters.yaml');
  const chapterFile = readList(chaptersPath, root, display(chaptersPath), 'chapters', problems);
  for (const item of chapterFile?.items ?? []) {
    const parsed = chapterSchema.safeParse(item.value, REPORT_INPUT);
    const source = { file: display(chaptersPath), line: item.line };
    if (!parsed.success) {
      const entry = (item.value as { number?: unknown })?.number;
      for (const issue of parsed.error.issues) {
        problems.push({
          source,
          entry: entry === undefined ? undefined : `chapter ${String(entry)}`,
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
    const real = realpathSync(conceptsDir);
    if (!isInside(root, real)) throw new Error('is a symbolic link that leaves the data directory');
    files = readdirSync(conceptsDir)
      // Dot files are editors' business (Emacs lock files are dangling links named `.#x.yaml`).
      .filter((name) => !name.startsWith('.') && (name.endsWith('.yaml') || name.endsWith('.yml')))
      .sort();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    problems.push({
      source: { file: display(conceptsDir) },
      message: code ? `cannot read: ${code}` : (error as Error).message,
      severity: 'error',
    });
  }
  for (const name of files) {
    const path = join(conceptsDir, name);
    const file = display(path);
    const parsedFile = readList(path, root, file, 'concepts', problems);
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
