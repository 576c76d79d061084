/**
 * Refuses, with QUERY_TOO_COSTLY, an operation whose argument-aware cost (the Pothos complexity
 * of each field: see `schema/builder.ts` and the `complexity` options of list fields) exceeds
 * `maxCost`. The plugin's own validation rule does the counting; it runs when execution starts
 * rather than with the other validation rules because the cost depends on the variables, and yoga
 * caches validation per document. The cost is remembered per parsed document (yoga reuses the
 * same object for the same text) and variables: walking the document again cost ~5 % of a short
 * request's CPU.
 */
import { createComplexityRule } from '@pothos/plugin-complexity';
import {
  type DocumentNode,
  type ExecutionArgs,
  GraphQLError,
  getOperationAST,
  getVariableValues,
  validate,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Context } from '../context.ts';
import { ErrorCode } from '../errors.ts';

/** Variables longer than this (as JSON) are measured every time rather than remembered. */
const MAX_REMEMBERED_KEY = 2_000;
const MAX_REMEMBERED_PER_DOCUMENT = 256;

/** `validate`, with an error the rule throws (an operation type the schema lacks) as a result. */
function validateOrThrown(
  args: ExecutionArgs,
  rules: Parameters<typeof validate>[2],
): readonly GraphQLError[] {
  try {
    return validate(args.schema, args.document, rules);
  } catch (error) {
    return [new GraphQLError(error instanceof Error ? error.message : String(error))];
  }
}

/**
 * `heavyCost`: a request costing at least this much is expensive: its reads take the database's
 * narrow lane (see `neo4j/database.ts`), so that cheap requests never wait behind it.
 */
export function argumentCostPlugin(maxCost: number, heavyCost: number): Plugin {
  const costs = new WeakMap<DocumentNode, Map<string, number>>();

  const measure = (args: ExecutionArgs, variableValues: Record<string, unknown>) => {
    let cost = 0;
    const errors = validateOrThrown(args, [
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

  const remember = (document: DocumentNode, key: string, cost: number) => {
    if (key.length > MAX_REMEMBERED_KEY) return;
    let known = costs.get(document);
    if (!known) {
      known = new Map();
      costs.set(document, known);
    }
    if (known.size >= MAX_REMEMBERED_PER_DOCUMENT) known.clear();
    known.set(key, cost);
  };

  return {
    onExecute({ args, setResultAndStopExecution }) {
      const variableValues = (args.variableValues ?? {}) as Record<string, unknown>;
      const key = `${args.operationName ?? ''}\n${JSON.stringify(variableValues)}`;
      let cost = costs.get(args.document)?.get(key);
      if (cost === undefined) {
        // Variables that do not coerce: execution refuses them with graphql-js's own errors.
        const operation = getOperationAST(args.document, args.operationName);
        if (!operation) return;
        const coerced = getVariableValues(args.schema, operation.variableDefinitions ?? [], variableValues);
        if (coerced.errors) return;
        const measured = measure(args, variableValues);
        // What the cost rule cannot measure (an operation type the schema lacks) is invalid.
        if (measured.errors.length > 0)
          return setResultAndStopExecution({
            errors: measured.errors.map(
              (error) =>
                new GraphQLError(error.message, {
                  nodes: error.nodes,
                  extensions: { code: ErrorCode.GRAPHQL_VALIDATION_FAILED, ...error.extensions },
                }),
            ),
          });
        cost = measured.cost;
        remember(args.document, key, cost);
      }
      (args.contextValue as unknown as Context).graph.reads.heavy = cost >= heavyCost;
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
