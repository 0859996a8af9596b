import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

export default [
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/.data/**',
      '**/.nx/**',
      '**/tmp/**',
      '**/coverage/**',
      'libs/web/graphql/src/generated/**',
      '**/*.cjs',
      '**/*.mjs',
      '**/vite.config.mts',
    ],
  },
  ...tseslint.configs.recommended,
  prettier,
  {
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            // Tiers: web never imports api and api never imports web; both may use shared.
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:api', onlyDependOnLibsWithTags: ['scope:api', 'scope:shared'] },
            { sourceTag: 'scope:web', onlyDependOnLibsWithTags: ['scope:web', 'scope:shared'] },
            // The end-to-end tests drive the whole product: the browser, and the API through the
            // test harness (its type rule below keeps them off the features themselves).
            {
              sourceTag: 'scope:e2e',
              onlyDependOnLibsWithTags: ['scope:web', 'scope:api', 'scope:shared'],
            },
            // Layers, bottom up. domain: pure TypeScript rules and vocabulary, imports nothing.
            { sourceTag: 'type:domain', onlyDependOnLibsWithTags: [] },
            // util: framework-free helpers (e.g. plan-excel); domain and other utils only.
            { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:domain', 'type:util'] },
            // core: what every feature stands on (database, tenancy, guard, errors, GraphQL setup,
            // and the ports features implement for each other); never a feature.
            {
              sourceTag: 'type:core',
              onlyDependOnLibsWithTags: ['type:domain', 'type:util', 'type:core'],
            },
            { sourceTag: 'type:ui', onlyDependOnLibsWithTags: ['type:domain', 'type:ui'] },
            // Features never import each other: they meet through core's ports and published views.
            {
              sourceTag: 'type:feature',
              onlyDependOnLibsWithTags: ['type:domain', 'type:util', 'type:core', 'type:ui'],
            },
            // schema: assembles every owner's migrations into one ordered list.
            {
              sourceTag: 'type:schema',
              onlyDependOnLibsWithTags: ['type:domain', 'type:core', 'type:feature'],
            },
            // tools (seed, test harness, benchmarks) and apps compose everything below them.
            {
              sourceTag: 'type:tool',
              onlyDependOnLibsWithTags: [
                'type:domain',
                'type:util',
                'type:core',
                'type:feature',
                'type:schema',
                'type:tool',
              ],
            },
            {
              sourceTag: 'type:app',
              onlyDependOnLibsWithTags: [
                'type:domain',
                'type:util',
                'type:core',
                'type:feature',
                'type:schema',
                'type:ui',
                'type:tool',
              ],
            },
            {
              sourceTag: 'type:e2e',
              onlyDependOnLibsWithTags: ['type:domain', 'type:util', 'type:tool'],
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/__tests__/**', '**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
];
