/**
 * Document-level limits, enforced before any resolver (and so any Cypher) runs: GraphQL Armor
 * while validating (depth, aliases, directives, tokens, static cost, no field suggestions in
 * production), then the argument-aware cost of the Pothos complexity plugin once the variables
 * are known. Argument-level caps live in `schema/limits.ts`.
 */
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { createComplexityRule } from '@pothos/plugin-complexity';
import {
  type DocumentNode,
  type ExecutionArgs,
  GraphQLError,
  Kind,
  type ValueNode,
  validate,
  visit,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { RequestLimits } from './config.ts';
import { ErrorCode } from './errors.ts';

/** The defaults (each configurable, see `config.ts`). */
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
  maxCost: 60_000,
  /** Argument-aware cost: each field 1, a list's selection ×10 or × the page/limit it asks for. */
  maxArgumentCost: 50_000,
  /** Longest string in any argument or variable (full-text fuzzy terms explode beyond ~1000). */
  maxStringLength: 500,
} as const;

export type DocumentLimits = Pick<
  RequestLimits,
  'maxDepth' | 'maxAliases' | 'maxDirectives' | 'maxTokens' | 'maxStaticCost' | 'maxCost' | 'maxStringLength'
>;

export const DEFAULT_DOCUMENT_LIMITS: DocumentLimits = {
  maxDepth: QUERY_LIMITS.maxDepth,
  maxAliases: QUERY_LIMITS.maxAliases,
  maxDirectives: QUERY_LIMITS.maxDirectives,
  maxTokens: QUERY_LIMITS.maxTokens,
  maxStaticCost: QUERY_LIMITS.maxCost,
  maxCost: QUERY_LIMITS.maxArgumentCost,
  maxStringLength: QUERY_LIMITS.maxStringLength,
};

export function queryLimitsPlugin(options: { production: boolean; limits?: DocumentLimits }) {
  const limits = options.limits ?? DEFAULT_DOCUMENT_LIMITS;
  return EnvelopArmorPlugin({
    maxDepth: { n: limits.maxDepth, flattenFragments: true, ignoreIntrospection: true },
    maxAliases: { n: limits.maxAliases },
    maxDirectives: { n: limits.maxDirectives },
    maxTokens: { n: limits.maxTokens },
    costLimit: {
      maxCost: limits.maxStaticCost,
      objectCost: 2,
      scalarCost: 1,
      depthCostFactor: 1.5,
      flattenFragments: true,
      ignoreIntrospection: true,
    },
    blockFieldSuggestion: { enabled: options.production },
  });
}

/**
 * Rejects an operation whose argument-aware cost (the `complexity` of each field, see
 * `schema/*.ts`) exceeds `maxCost`. It runs when execution starts rather than as a validation
 * rule: the cost depends on the variables, and yoga caches validation per document. The cost is
 * remembered per parsed document (yoga reuses the same object for the same text) and variables:
 * walking the document again cost ~5 % of a short request's CPU.
 */
export function argumentCostPlugin(maxCost: number): Plugin {
  const costs = new WeakMap<DocumentNode, Map<string, number>>();

  const measure = (args: ExecutionArgs, variableValues: Record<string, unknown>) => {
    let cost = 0;
    const errors = validate(args.schema, args.document, [
      createComplexityRule({
        context: args.contextValue as object,
        variableValues,
        operationName: args.operationName,
        validate: (result) => {
          cost = result.complexity;
        },
      }),
    ]);
    return { cost, errors };
  };

  return {
    onExecute({ args, setResultAndStopExecution }) {
      const variableValues = (args.variableValues ?? {}) as Record<string, unknown>;
      const key = `${args.operationName ?? ''}\n${JSON.stringify(variableValues)}`;
      let known = costs.get(args.document);
      let cost = known?.get(key);
      if (cost === undefined) {
        const measured = measure(args, variableValues);
        if (measured.errors.length > 0) return setResultAndStopExecution({ errors: measured.errors });
        cost = measured.cost;
        // Only short keys are kept, so the cache stays small whatever clients send.
        if (key.length <= 2_000) {
          if (!known) {
            known = new Map();
            costs.set(args.document, known);
          }
          if (known.size >= 256) known.clear();
          known.set(key, cost);
        }
      }
      if (cost > maxCost)
        setResultAndStopExecution({
          errors: [
            new GraphQLError(
              `Query cost ${cost} exceeds the limit of ${maxCost}: ask for smaller pages, ` +
                'limits or depths, or fewer nested lists.',
              { extensions: { code: ErrorCode.QUERY_TOO_COSTLY, cost, maxCost } },
            ),
          ],
        });
    },
  };
}

/** The first string longer than `max` in a value (of a variable or a literal), if any. */
function tooLong(value: unknown, max: number): string | undefined {
  if (typeof value === 'string') return value.length > max ? value : undefined;
  if (Array.isArray(value))
    for (const item of value) {
      const found = tooLong(item, max);
      if (found !== undefined) return found;
    }
  else if (value && typeof value === 'object')
    for (const item of Object.values(value)) {
      const found = tooLong(item, max);
      if (found !== undefined) return found;
    }
  return undefined;
}

function literalStrings(node: ValueNode): unknown {
  if (node.kind === Kind.STRING) return node.value;
  if (node.kind === Kind.LIST) return node.values.map(literalStrings);
  if (node.kind === Kind.OBJECT) return node.fields.map((f) => literalStrings(f.value));
  return undefined;
}

/**
 * Refuses, with BAD_USER_INPUT, any string argument or variable longer than `max` characters
 * before execution: no slug, ID, cursor or search text is that long, and some (a fuzzy
 * full-text term over 1000 characters) fail inside Neo4j instead of answering.
 */
export function stringLengthPlugin(max: number): Plugin {
  const refuse = (argument: string, length: number) =>
    new GraphQLError(`Argument "${argument}" must be at most ${max} characters (got ${length})`, {
      extensions: { code: 'BAD_USER_INPUT', argument, max },
    });
  // The literals of a parsed document never change: checked once per document (yoga reuses it).
  const literalChecks = new WeakMap<DocumentNode, { argument: string; length: number } | null>();
  const tooLongLiteral = (document: DocumentNode) => {
    let found = literalChecks.get(document);
    if (found !== undefined) return found;
    found = null;
    visit(document, {
      Argument(node) {
        const long = found ? undefined : tooLong(literalStrings(node.value), max);
        if (long !== undefined) found = { argument: node.name.value, length: long.length };
      },
    });
    literalChecks.set(document, found);
    return found;
  };
  return {
    onExecute({ args, setResultAndStopExecution }) {
      for (const [name, value] of Object.entries(args.variableValues ?? {})) {
        const found = tooLong(value, max);
        if (found !== undefined) {
          setResultAndStopExecution({ errors: [refuse(`$${name}`, found.length)] });
          return;
        }
      }
      const literal = tooLongLiteral(args.document);
      if (literal) setResultAndStopExecution({ errors: [refuse(literal.argument, literal.length)] });
    },
  };
}
