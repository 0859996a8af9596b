import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import type { StartedApi } from '../bootstrap';
import { printContract } from '../schema';
import { startTestApi } from '../testing';

describe('GraphQL contract of the running app', () => {
  let api: StartedApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => {
    await api.app.close();
  });

  it('is exactly the committed schema.graphql (so RESOLVERS in schema.ts misses nothing)', () => {
    const live = printContract(api.app.get(GraphQLSchemaHost).schema);
    const committed = readFileSync(join(__dirname, '..', '..', 'schema.graphql'), 'utf8');
    expect(live).toBe(committed);
  });
});
