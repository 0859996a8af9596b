import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema } from 'graphql';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { StartedApi } from '../bootstrap';
import { startTestApi } from '../testing';
import { TENANCY_COVERAGE } from './tenancy-coverage';

/**
 * Every GraphQL operation of the committed schema and every HTTP route the running app serves
 * has a tenancy-matrix row or an explicit marking. The lists are derived, never written by hand:
 * operations from apps/api/schema.graphql, routes from the app's Express router.
 */
function schemaOperations(): string[] {
  const sdl = readFileSync(join(__dirname, '..', '..', 'schema.graphql'), 'utf8');
  const schema = buildSchema(sdl);
  const ops: string[] = [];
  for (const type of [schema.getQueryType(), schema.getMutationType()]) {
    if (!type) continue;
    for (const field of Object.keys(type.getFields())) ops.push(`${type.name}.${field}`);
  }
  return ops.sort();
}

interface RouteLayer {
  route?: { path: string; methods: Record<string, boolean> };
}

/** The routes of the running app, as `METHOD /path`, without the GraphQL endpoint itself. */
function appRoutes(api: StartedApi): string[] {
  const express = (api.app as NestExpressApplication).getHttpAdapter().getInstance() as {
    router?: { stack: RouteLayer[] };
    _router?: { stack: RouteLayer[] };
  };
  const stack = (express.router ?? express._router)?.stack ?? [];
  const routes = new Set<string>();
  for (const layer of stack) {
    if (!layer.route) continue;
    for (const [method, on] of Object.entries(layer.route.methods)) {
      if (on && method !== '_all') routes.add(`${method.toUpperCase()} ${layer.route.path}`);
    }
  }
  return [...routes].filter((r) => !/ \/graphql$/.test(r)).sort();
}

describe('tenancy matrix coverage', () => {
  let api: StartedApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => {
    await api.app.close();
  });

  it('derives the operations and routes it checks', () => {
    const ops = schemaOperations();
    const routes = appRoutes(api);
    expect(ops.length).toBeGreaterThan(30);
    expect(routes).toEqual(
      expect.arrayContaining(['GET /files/evidence/:id', 'POST /files/reports/:id/evidence']),
    );
  });

  it('every GraphQL operation and file route has a matrix row or an explicit marking', () => {
    const derived = [...schemaOperations(), ...appRoutes(api)];
    const missing = derived.filter((key) => !(key in TENANCY_COVERAGE));
    const stale = Object.keys(TENANCY_COVERAGE).filter((key) => !derived.includes(key));
    expect({ missing, stale }).toEqual({ missing: [], stale: [] });
    const inMatrix = derived.filter((key) => 'matrix' in TENANCY_COVERAGE[key]!);
    // Reported for the record: how much of the surface the matrices exercise.
    console.log(
      `tenancy matrices cover ${inMatrix.length} of ${derived.length} operations and routes; ` +
        `${derived.length - inMatrix.length} are marked public, self-only, own-organisation or no tenant data`,
    );
  });
});
