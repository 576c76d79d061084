/**
 * Document-level limits, enforced by GraphQL Armor while validating a query — before any resolver
 * (and so any Cypher) runs. Argument-level caps live in `schema/limits.ts`.
 */
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';

export const QUERY_LIMITS = {
  /** Deepest selection nesting (fragments flattened, introspection excepted). */
  maxDepth: 12,
  /** Aliases per document. */
  maxAliases: 15,
  /** Directives per document. */
  maxDirectives: 10,
  /** Lexical tokens per document. */
  maxTokens: 2_000,
  /** Static cost: 2 per object, 1 per scalar, ×1.5 per level of depth. */
  maxCost: 20_000,
} as const;

export function queryLimitsPlugin(options: { production: boolean }) {
  return EnvelopArmorPlugin({
    maxDepth: { n: QUERY_LIMITS.maxDepth, flattenFragments: true, ignoreIntrospection: true },
    maxAliases: { n: QUERY_LIMITS.maxAliases },
    maxDirectives: { n: QUERY_LIMITS.maxDirectives },
    maxTokens: { n: QUERY_LIMITS.maxTokens },
    costLimit: {
      maxCost: QUERY_LIMITS.maxCost,
      objectCost: 2,
      scalarCost: 1,
      depthCostFactor: 1.5,
      flattenFragments: true,
      ignoreIntrospection: true,
    },
    blockFieldSuggestion: { enabled: options.production },
  });
}
