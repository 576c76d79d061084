/**
 * Limits on the shape of a document, checked by GraphQL Armor while validating, before any
 * resolver (and so any Cypher) runs: depth, aliases, directives and tokens, and no field
 * suggestions in production. What a document costs to answer is the argument-aware cost's job
 * (`argument-cost.ts`), not Armor's: one cost model, with one set of numbers.
 */
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import type { Plugin } from 'graphql-yoga';
import type { RequestLimits } from '../config.ts';

export function documentLimitsPlugin(
  limits: Pick<RequestLimits, 'maxDepth' | 'maxAliases' | 'maxDirectives' | 'maxTokens'>,
  options: { production: boolean },
): Plugin {
  return EnvelopArmorPlugin({
    maxDepth: { n: limits.maxDepth, flattenFragments: true, ignoreIntrospection: true },
    maxAliases: { n: limits.maxAliases },
    maxDirectives: { n: limits.maxDirectives },
    maxTokens: { n: limits.maxTokens },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: options.production },
  }) as Plugin;
}
