import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestContext } from '../auth/request-context';
import { requestRecordOf } from './request-log';

const ROOT: Record<string, string> = {
  query: 'Query',
  mutation: 'Mutation',
  subscription: 'Subscription',
};

/**
 * Adds the GraphQL operation and the error codes answered to the request's record (log line and
 * metrics). The operation is named by its first root field, which the schema bounds (validation
 * has passed when it is read); the client's own operation name is kept for the log only.
 */
export function requestRecordPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart({ contextValue }) {
      const record = requestRecordOf((contextValue as Partial<RequestContext>).req);
      if (!record) return {};
      return {
        async didResolveOperation({ operation, operationName }) {
          record.operationName = operationName?.slice(0, 100) ?? undefined;
          if (!operation) return;
          const first = operation.selectionSet.selections.find((s) => s.kind === 'Field');
          const field = first?.kind === 'Field' ? first.name.value : 'fragment';
          record.operation = `${ROOT[operation.operation] ?? operation.operation}.${field}`;
        },
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          for (const error of response.body.singleResult.errors ?? []) {
            const code = error.extensions?.code;
            if (typeof code === 'string') record.errorCodes.push(code);
          }
        },
      };
    },
  };
}
