/**
 * Ties a request to its context: the `x-request-id` response header, and the operation's name on
 * the request's database reads (transaction metadata) once execution starts.
 */
import { type DefinitionNode, Kind, type OperationDefinitionNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Context } from '../context.ts';

export function requestContextPlugin(requestIds: WeakMap<Request, string>): Plugin<Context> {
  return {
    onExecute({ args }) {
      const context = args.contextValue as Context;
      const definitions: readonly DefinitionNode[] = args.document.definitions;
      const operation = definitions.find(
        (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
      );
      context.graph.reads.operation = args.operationName ?? operation?.name?.value ?? undefined;
    },
    onResponse({ request, response }) {
      const id = requestIds.get(request);
      if (id) response.headers.set('x-request-id', id);
    },
  };
}
