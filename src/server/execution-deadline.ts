/**
 * The execution deadline: a request still executing after `ms` answers QUERY_TIMEOUT. The reads
 * it started end on their own at the transaction timeout.
 */
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { ErrorCode } from '../errors.ts';

export function executionDeadlinePlugin(ms: number): Plugin {
  return {
    onExecute({ executeFn, setExecuteFn }) {
      setExecuteFn(async (args) => {
        let timer: NodeJS.Timeout | undefined;
        const deadline = new Promise<{ errors: GraphQLError[] }>((resolveDeadline) => {
          timer = setTimeout(
            () =>
              resolveDeadline({
                errors: [
                  new GraphQLError(
                    `The request took longer than its ${ms} ms deadline; narrow it (smaller depth, limit or page).`,
                    { extensions: { code: ErrorCode.QUERY_TIMEOUT, deadlineMs: ms } },
                  ),
                ],
              }),
            ms,
          );
        });
        try {
          return await Promise.race([executeFn(args), deadline]);
        } finally {
          clearTimeout(timer);
        }
      });
    },
  };
}
