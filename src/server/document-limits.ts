/**
 * Limits on the shape of a document, checked by GraphQL Armor while validating, before any
 * resolver (and so any Cypher) runs: depth, aliases and directives, tokens while parsing, and no
 * field suggestions in production. A refusal is an ordinary validation error (HTTP 400, code
 * GRAPHQL_VALIDATION_FAILED, `extensions.limit` naming the limit): Armor would otherwise throw
 * from inside validation, which answers 200 with a "Syntax Error". What a document costs to answer
 * is the argument-aware cost's job (`argument-cost.ts`), not Armor's: one cost model.
 */
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { GraphQLError, type ValidationContext } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { RequestLimits } from '../config.ts';
import { ErrorCode } from '../errors.ts';

type Limit = 'depth' | 'aliases' | 'directives';

/** Armor's rejection, reported as a validation error of our own shape instead of thrown. */
const report = (limit: Limit, max: number) => (context: unknown, error: GraphQLError) => {
  const message = error.message.replace(/^Syntax Error: /, '');
  (context as ValidationContext).reportError(
    new GraphQLError(message, { extensions: { code: ErrorCode.GRAPHQL_VALIDATION_FAILED, limit, max } }),
  );
};

export function documentLimitsPlugin(
  limits: Pick<RequestLimits, 'maxDepth' | 'maxAliases' | 'maxDirectives' | 'maxTokens'>,
  options: { production: boolean },
): Plugin {
  const rule = (limit: Limit, n: number) => ({
    n,
    propagateOnRejection: false,
    onReject: [report(limit, n)],
  });
  return EnvelopArmorPlugin({
    maxDepth: { ...rule('depth', limits.maxDepth), flattenFragments: true, ignoreIntrospection: true },
    maxAliases: rule('aliases', limits.maxAliases),
    maxDirectives: rule('directives', limits.maxDirectives),
    maxTokens: { n: limits.maxTokens },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: options.production },
  }) as Plugin;
}
