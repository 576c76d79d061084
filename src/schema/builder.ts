/** The Pothos builder: context type, plugins and empty roots only. Types live in their domain files. */
import SchemaBuilder from '@pothos/core';
import ComplexityPlugin from '@pothos/plugin-complexity';
import RelayPlugin from '@pothos/plugin-relay';
import type { Context } from '../context.ts';
import type { Range } from '../service/limits.ts';

export const builder = new SchemaBuilder<{
  Context: Context;
  DefaultFieldNullability: false;
  DefaultInputFieldRequiredness: true;
}>({
  plugins: [RelayPlugin, ComplexityPlugin],
  // The one cost model: each field costs 1; a list multiplies the cost of its selection by 10
  // unless the field says how many items it asks for (`complexity` on list-returning fields).
  // The plugin's own check runs inside each root resolver, so an over-cost document would get an
  // error per root field, `data: null` and HTTP 200; `server/argument-cost.ts` applies the
  // plugin's validation rule before execution instead (one error, no data, HTTP 400).
  complexity: { defaultComplexity: 1, defaultListMultiplier: 10, disabled: true },
  defaultFieldNullability: false,
  defaultInputFieldRequiredness: true,
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    nodeTypeOptions: { description: 'An object with a globally unique ID, refetchable through `node(id:)`.' },
    pageInfoTypeOptions: { description: 'Where a page of a connection sits in the whole list.' },
    // `node` and `nodes` are defined in `node.ts`: a bad ID there must null one entry, not the answer.
    nodeQueryOptions: false,
    nodesQueryOptions: false,
    idFieldOptions: { description: 'Globally unique, opaque ID (Relay).' },
    cursorFieldOptions: { description: 'Opaque cursor of this edge; pass it as `after` or `before`.' },
    nodeFieldOptions: { description: 'The item at the end of this edge.' },
    edgesFieldOptions: { description: 'The edges of this page, in order.' },
    pageInfoFieldOptions: { description: 'Pagination information for this page.' },
    hasNextPageFieldOptions: { description: 'True when more items follow this page.' },
    hasPreviousPageFieldOptions: { description: 'True when items precede this page.' },
    startCursorFieldOptions: { description: 'Cursor of the first edge of the page.' },
    endCursorFieldOptions: { description: 'Cursor of the last edge of the page.' },
    firstArgOptions: { description: 'Page size when paging forward (0-100).' },
    afterArgOptions: { description: 'Return items after this cursor.' },
    lastArgOptions: { description: 'Page size when paging backward (0-100).' },
    beforeArgOptions: { description: 'Return items before this cursor.' },
  },
});

/**
 * How many items a list field asks for, as the multiplier of its selection's cost, divided by
 * `per` (the default list multiplier a nested list already applies). A value outside its cap
 * counts as the minimum: the resolver refuses it with BAD_USER_INPUT before any Cypher runs, so
 * it costs nothing, and a cost error must not hide that clearer answer.
 */
export function requested(value: number | null | undefined, range: Range, per = 1) {
  const valid = Number.isInteger(value) && (value as number) >= range.min && (value as number) <= range.max;
  return Math.max(1, Math.ceil((valid ? (value as number) : range.min) / per));
}

builder.queryType({ description: 'Read access to the Docker concept graph.' });
