/**
 * What a document asks of the concepts a root field returns, read from the resolver's `info`:
 * which stored columns, which plain relation lists (and what of their items), and whether the
 * degree — the `ConceptSelection` a level's one query reads (see `graph/selection.ts`).
 *
 * Hand-written rather than graphql-parse-resolve-info: we need field names at a few known paths,
 * not the arguments and directives of every level, and the answer depends only on the document,
 * so it is worked out once per parsed document and field and then reused.
 * Directives are ignored: a field under `@skip` is read anyway, which costs a property, never an answer.
 */
import type { FieldNode, FragmentDefinitionNode, GraphQLResolveInfo, SelectionSetNode } from 'graphql';
import { CONCEPT_COLUMN_NAMES, type ConceptColumn } from '../graph/records.ts';
import { PLAIN_LISTS } from '../graph/relations.ts';
import type { ConceptSelection, ListSpec } from '../graph/selection.ts';
import type { ClosureSelection } from '../graph/traversals.ts';

/** Concept fields that show a stored column (the rest of `Concept`'s scalar fields). */
const COLUMN_OF_FIELD: Readonly<Record<string, ConceptColumn>> = {
  slug: 'slug',
  id: 'slug',
  name: 'name',
  kind: 'kind',
  summary: 'summary',
  aliases: 'aliases',
  tags: 'tags',
  background: 'background',
  estimatedMinutes: 'estimatedMinutes',
  bottleneckScore: 'bottleneck',
  chapters: 'chapters',
};

/** Concept fields with their own loading (or none): they ask for no column. */
const LOADED_APART = new Set(['__typename', 'relations', 'degree']);

const LIST_OF_FIELD = new Map<string, ListSpec>(
  PLAIN_LISTS.map(([field, type, direction]) => [field, { type, direction }]),
);

/** Columns of list items read with the list (others load in one more batched query when asked). */
const ITEM_COLUMNS = new Set<ConceptColumn>(['slug', 'name', 'kind']);

/** The fields selected under `selectionSet`, fragments (named and inline) flattened. */
function fieldsOf(
  selectionSet: SelectionSetNode | undefined,
  fragments: Record<string, FragmentDefinitionNode>,
  into: FieldNode[] = [],
): FieldNode[] {
  for (const selection of selectionSet?.selections ?? []) {
    if (selection.kind === 'Field') into.push(selection);
    else if (selection.kind === 'InlineFragment') fieldsOf(selection.selectionSet, fragments, into);
    else fieldsOf(fragments[selection.name.value]?.selectionSet, fragments, into);
  }
  return into;
}

/** The fields at the end of `path` (field names) from the resolver's own field. */
function fieldsAt(info: GraphQLResolveInfo, path: readonly string[]): FieldNode[] {
  let level = info.fieldNodes.flatMap((node) => fieldsOf(node.selectionSet, info.fragments));
  for (const name of path)
    level = level
      .filter((field) => field.name.value === name)
      .flatMap((field) => fieldsOf(field.selectionSet, info.fragments));
  return level;
}

function selectionOf(
  fields: FieldNode[],
  fragments: Record<string, FragmentDefinitionNode>,
): ConceptSelection {
  const columns = new Set<ConceptColumn>();
  const lists = new Map<string, ListSpec>();
  const itemColumns = new Set<ConceptColumn>();
  let degree = false;
  for (const field of fields) {
    const name = field.name.value;
    const column = COLUMN_OF_FIELD[name];
    const list = LIST_OF_FIELD.get(name);
    if (column) columns.add(column);
    else if (list) {
      lists.set(name, list);
      for (const item of fieldsOf(field.selectionSet, fragments)) {
        const itemColumn = COLUMN_OF_FIELD[item.name.value];
        if (itemColumn && ITEM_COLUMNS.has(itemColumn)) itemColumns.add(itemColumn);
      }
    } else if (name === 'degree') degree = true;
    else if (!LOADED_APART.has(name)) for (const c of CONCEPT_COLUMN_NAMES) columns.add(c); // a field we do not know: all of it
  }
  return { columns: [...columns], lists: [...lists.values()], itemColumns: [...itemColumns], degree };
}

const cache = new WeakMap<FieldNode, Map<string, ConceptSelection>>();

/**
 * What the document asks of the concepts at the end of each of `paths` below the resolver's
 * field (`[]`: the field's own value is the concept), merged.
 */
export function conceptSelection(
  info: GraphQLResolveInfo,
  ...paths: (readonly string[])[]
): ConceptSelection {
  const key = JSON.stringify(paths.length ? paths : [[]]);
  const node = info.fieldNodes[0] as FieldNode;
  let byPath = cache.get(node);
  const cached = byPath?.get(key);
  if (cached) return cached;
  const fields = (paths.length ? paths : [[]]).flatMap((path) => fieldsAt(info, path));
  const selection = selectionOf(fields, info.fragments);
  if (!byPath) {
    byPath = new Map();
    cache.set(node, byPath);
  }
  byPath.set(key, selection);
  return selection;
}

/** True when the document asks for `field` at `path` below the resolver's field. */
export function asks(info: GraphQLResolveInfo, path: readonly string[], field: string): boolean {
  return fieldsAt(info, path).some((f) => f.name.value === field);
}

/** What a traversal's selection asks: of the concepts reached, of the start, and of relationships (note, chapter). */
export function closureSelection(info: GraphQLResolveInfo): ClosureSelection {
  const relations = [...fieldsAt(info, ['concepts', 'via']), ...fieldsAt(info, ['edges'])];
  return {
    concepts: conceptSelection(info, ['concepts', 'concept']),
    start: conceptSelection(info, ['start']),
    relationDetails: relations.some((f) => f.name.value === 'note' || f.name.value === 'chapter'),
  };
}
