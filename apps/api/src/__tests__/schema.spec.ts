import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildContract } from '../schema';

describe('GraphQL contract', () => {
  it('matches the committed apps/api/schema.graphql (run `npm run schema` after changing the API)', async () => {
    const committed = readFileSync(join(__dirname, '..', '..', 'schema.graphql'), 'utf8');
    expect(await buildContract()).toBe(committed);
  });
});
