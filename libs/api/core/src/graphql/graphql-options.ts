import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import type { AppConfig } from '../config/app-config';
import { formatError } from '../errors/format-error';
import type { RequestContext } from '../auth/request-context';
import { requestRecordPlugin } from '../logging/graphql-record.plugin';
import { DEFAULT_LIMITS, queryCostPlugin, queryLimitsRule } from './limits';

/**
 * Apollo settings: CSRF prevention on, batching off, depth/alias limits, a cost budget counted with
 * the real page sizes, compact JSON answers, and in production
 * no introspection, no field suggestions, no stack traces. `schemaFile` writes the SDL (scripts).
 */
export function graphqlOptions(config: AppConfig, schemaFile?: string): ApolloDriverConfig {
  const dev = !config.production;
  return {
    driver: ApolloDriver,
    path: '/graphql',
    autoSchemaFile: schemaFile ?? true,
    sortSchema: true,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    introspection: dev,
    playground: false,
    graphiql: false,
    includeStacktraceInErrorResponses: false,
    validationRules: [queryLimitsRule(DEFAULT_LIMITS)],
    plugins: [queryCostPlugin(DEFAULT_LIMITS), requestRecordPlugin()],
    // Compact JSON: Apollo's default indents every answer (a third more bytes to write and to
    // compress, for no client that reads them by eye).
    stringifyResult: (value: unknown) => JSON.stringify(value),
    context: ({ req, res }: RequestContext): RequestContext => ({ req, res }),
    formatError: (formatted, error) =>
      formatError(formatted, error, { exposeInternals: config.nodeEnv === 'development' }),
  };
}
