/**
 * Relay's `node` and `nodes`: refetch any object by its global ID. An ID that is well formed but
 * names nothing answers null; a malformed ID, or one of a type this API does not have, is a
 * BAD_USER_INPUT error on that entry alone.
 */
import { decodeGlobalID } from '@pothos/plugin-relay';
import type { Context } from '../context.ts';
import { badInput } from '../errors.ts';
import { boundedList, LIMITS } from '../service/limits.ts';
import { builder } from './builder.ts';

type Decoded = { typename: string; id: string };

function decode(argument: string, id: string): Decoded {
  try {
    return decodeGlobalID(id);
  } catch {
    throw badInput(argument, `is not a global ID of this API: "${id.slice(0, 60)}"`);
  }
}

/** Looks up what one global ID names; null when nothing. */
async function resolveId(ctx: Context, argument: string, id: string) {
  const { typename, id: key } = decode(argument, id);
  if (typename === 'Concept') return ctx.graph.conceptOrNull(key);
  if (typename === 'Chapter') return /^\d{1,4}$/.test(key) ? ctx.graph.chapterOrNull(Number(key)) : null;
  throw badInput(argument, `names a type this API does not have ("${typename.slice(0, 40)}")`);
}

/**
 * A concept's slug from its global ID, or the string itself when it already is a slug: lists of
 * concepts a client holds may carry either.
 */
export function slugsOfConceptIds(argument: string, ids: readonly (string | number)[]): string[] {
  return ids.map((raw) => {
    const id = String(raw);
    if (/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id) && id.length <= 100) return id;
    let decoded: Decoded | undefined;
    try {
      decoded = decodeGlobalID(id);
    } catch {
      decoded = undefined;
    }
    if (decoded?.typename !== 'Concept')
      throw badInput(argument, `contains "${id.slice(0, 40)}", which is neither a concept ID nor a slug`);
    return decoded.id;
  });
}

const NodeRef = builder.nodeInterfaceRef();

builder.queryFields((t) => ({
  node: t.field({
    type: NodeRef,
    nullable: true,
    description: 'Fetches any object by its global ID (Relay); null when the ID names nothing.',
    args: {
      id: t.arg.id({ description: 'A global ID, as returned in an `id` field (e.g. of a `Concept`).' }),
    },
    resolve: (_root, { id }, ctx) => resolveId(ctx, 'id', String(id)),
  }),
  nodes: t.field({
    type: [NodeRef],
    nullable: { list: false, items: true },
    description:
      `Fetches objects by their global IDs (Relay), one entry per ID in order (at most ${LIMITS.nodeIds.max}): ` +
      'null where an ID names nothing; a malformed ID nulls its own entry with a BAD_USER_INPUT error.',
    complexity: (args) => ({
      field: 1,
      multiplier: Math.max(1, Math.min(args.ids.length, LIMITS.nodeIds.max)),
    }),
    args: {
      ids: t.arg.idList({
        description: `Global IDs, as returned in \`id\` fields (0-${LIMITS.nodeIds.max}).`,
      }),
    },
    resolve: (_root, { ids }, ctx) =>
      boundedList('ids', ids, LIMITS.nodeIds).map((id, i) =>
        resolveId(ctx, `ids[${i}]`, String(id)).catch((error: unknown) => error as Error),
      ),
  }),
}));
