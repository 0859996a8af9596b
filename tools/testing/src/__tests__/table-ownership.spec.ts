import { join } from 'node:path';
import { scanFile, scanSource, sourceFiles, tablesIn, type SourceScan } from '../sql-ownership';

/**
 * Data ownership (docs/architecture.md, "Data ownership"): every table has one owning library;
 * other libraries read it only through a view its owner publishes, and never write it.
 * And in every API library SQL lives only in `*.repository.ts` files.
 */

type Lib =
  | 'api/organizations'
  | 'api/users'
  | 'api/auth'
  | 'api/audit'
  | 'api/core'
  | 'api/plans'
  | 'api/reporting'
  | 'api/notifications'
  | 'api/trainings'
  | 'api/assessments'
  | 'api/link-checks'
  | 'api/scorecards'
  | 'api/annual-reports';

interface Owned {
  kind: 'table' | 'view';
  owner: Lib;
  /** Libraries that may also read a table (not a view: views are readable by everyone). */
  readers?: Lib[];
}

export const OWNERSHIP: Record<string, Owned> = {
  organizations: { kind: 'table', owner: 'api/organizations' },
  org_closure: { kind: 'table', owner: 'api/organizations' },
  users: { kind: 'table', owner: 'api/users' },
  assessor_assignments: { kind: 'table', owner: 'api/users' },
  sessions: { kind: 'table', owner: 'api/auth' },
  sign_in_throttle: { kind: 'table', owner: 'api/auth' },
  second_factors: { kind: 'table', owner: 'api/auth' },
  recovery_codes: { kind: 'table', owner: 'api/auth' },
  password_history: { kind: 'table', owner: 'api/users' },
  // Written only by the audit writer in core (libs/api/core/src/audit: audit_enter() on the
  // request path, the chainer's audit_chain_apply(), retention's audit_purge()).
  audit_events: { kind: 'table', owner: 'api/core', readers: ['api/audit'] },
  audit_chain_head: { kind: 'table', owner: 'api/core', readers: ['api/audit'] },
  indicator_systems: { kind: 'table', owner: 'api/assessments' },
  indicators: { kind: 'table', owner: 'api/assessments' },
  assessment_rounds: { kind: 'table', owner: 'api/assessments' },
  assessment_round_bureaus: { kind: 'table', owner: 'api/assessments' },
  assessment_round_assessors: { kind: 'table', owner: 'api/assessments' },
  assessment_issues: { kind: 'table', owner: 'api/assessments' },
  assessment_issue_events: { kind: 'table', owner: 'api/assessments' },
  assessment_files: { kind: 'table', owner: 'api/assessments' },
  plans: { kind: 'table', owner: 'api/plans' },
  plan_categories: { kind: 'table', owner: 'api/plans' },
  plan_tasks: { kind: 'table', owner: 'api/plans' },
  assignments: { kind: 'table', owner: 'api/plans' },
  progress_reports: { kind: 'table', owner: 'api/reporting' },
  report_events: { kind: 'table', owner: 'api/reporting' },
  evidence_files: { kind: 'table', owner: 'api/reporting' },
  reminders: { kind: 'table', owner: 'api/reporting' },
  assignment_completion: { kind: 'table', owner: 'api/reporting' },
  // Precomputed overview figures, written only by reporting's triggers (its migration).
  report_figures: { kind: 'table', owner: 'api/reporting' },
  notifications: { kind: 'table', owner: 'api/notifications' },
  training_sessions: { kind: 'table', owner: 'api/trainings' },
  training_invitations: { kind: 'table', owner: 'api/trainings' },
  training_attendances: { kind: 'table', owner: 'api/trainings' },
  training_requirements: { kind: 'table', owner: 'api/trainings' },
  training_materials: { kind: 'table', owner: 'api/trainings' },
  links: { kind: 'table', owner: 'api/link-checks' },
  annual_reports: { kind: 'table', owner: 'api/annual-reports' },
  annual_report_events: { kind: 'table', owner: 'api/annual-reports' },
  link_owners: { kind: 'table', owner: 'api/link-checks' },
  link_checks: { kind: 'table', owner: 'api/link-checks' },
  score_rubrics: { kind: 'table', owner: 'api/scorecards' },
  score_adjustments: { kind: 'table', owner: 'api/scorecards' },
  published_scorecards: { kind: 'table', owner: 'api/scorecards' },
  published_scorecard_results: { kind: 'table', owner: 'api/scorecards' },
  // Published views (created WITH (security_invoker = true), so RLS still applies).
  org_units: { kind: 'view', owner: 'api/organizations' },
  assigned_tasks: { kind: 'view', owner: 'api/plans' },
  task_refs: { kind: 'view', owner: 'api/plans' },
  category_refs: { kind: 'view', owner: 'api/plans' },
  unread_notification_counts: { kind: 'view', owner: 'api/notifications' },
  report_quarters: { kind: 'view', owner: 'api/reporting' },
  link_status: { kind: 'view', owner: 'api/link-checks' },
  link_owner_refs: { kind: 'view', owner: 'api/link-checks' },
  assessment_issue_facts: { kind: 'view', owner: 'api/assessments' },
  training_bureau_years: { kind: 'view', owner: 'api/trainings' },
  training_requirement_levels: { kind: 'view', owner: 'api/trainings' },
};

const ROOT = join(__dirname, '..', '..', '..', '..');
const API_LIBS = 'libs/api';

/**
 * Folders of core that may keep SQL of their own: schema, tenancy functions, the audit writer, and
 * the job queue (it reads pg-boss's own tables, in the `pgboss` schema: no tenant data, no RLS,
 * created and migrated by pg-boss itself as the owner; see docs/architecture.md, "Job queue").
 */
const EXEMPT = [
  'libs/api/core/src/database/',
  'libs/api/core/src/tenancy/',
  'libs/api/core/src/audit/',
  'libs/api/core/src/jobs/',
];

/** A feature's own migrations (libs/api/<feature>/src/migrations/) are exempt as well. */
const isMigration = (file: string): boolean => /^libs\/api\/[^/]+\/src\/migrations\//.test(file);

/**
 * Known files that still hold SQL outside a repository (and the foreign tables they still name),
 * being fixed on the reporting branch of issue 6. The test fails when an entry is no longer needed, so
 * the list only shrinks: empty it as those changes are merged.
 */
const PENDING_REPOSITORY_MOVE: Record<string, { foreign: string[] }> = {
  // Empty: every library's SQL lives in its repositories. A file may be listed here only while a
  // move is under way, with the foreign tables it still names.
};

function libraryOf(file: string): Lib {
  const name = /^libs\/api\/([^/]+)\//.exec(file)?.[1];
  return `api/${name ?? 'unknown'}` as Lib;
}

const isRepository = (file: string): boolean => file.endsWith('.repository.ts');

interface Finding {
  file: string;
  line: number;
  problem: string;
  table?: string;
}

/** What one file breaks: foreign tables named, views written, unknown names, SQL outside a repository. */
export function findingsFor(file: string, scan: SourceScan, lib: Lib): Finding[] {
  const out: Finding[] = [];
  for (const m of scan.mentions) {
    const owned = OWNERSHIP[m.name];
    if (!owned) {
      out.push({
        file,
        line: m.line,
        table: m.name,
        problem: `names "${m.name}" (${m.keyword}), which is not in the ownership map`,
      });
    } else if (owned.kind === 'view') {
      if (m.access === 'write')
        out.push({
          file,
          line: m.line,
          table: m.name,
          problem: `writes the view "${m.name}" (${m.keyword}); views are read-only`,
        });
    } else if (owned.owner !== lib) {
      const reader = m.access === 'read' && (owned.readers ?? []).includes(lib);
      if (!reader)
        out.push({
          file,
          line: m.line,
          table: m.name,
          problem: `${lib} ${m.access === 'write' ? 'writes' : 'reads'} "${m.name}" (${m.keyword}), owned by ${owned.owner}; read a view it publishes instead`,
        });
    }
  }
  if (!isRepository(file) && scan.dataAccessLines.length > 0) {
    out.push({
      file,
      line: scan.dataAccessLines[0] ?? 0,
      problem: `holds SQL or TypeORM data access outside a *.repository.ts file (lines ${scan.dataAccessLines.join(', ')})`,
    });
  }
  return out;
}

describe('data ownership', () => {
  const files = sourceFiles(ROOT, API_LIBS).filter(
    (f) => !EXEMPT.some((e) => f.startsWith(e)) && !isMigration(f),
  );
  const scans = new Map(files.map((f) => [f, scanFile(ROOT, f)]));

  it('finds the API libraries and their repositories', () => {
    expect(files.length).toBeGreaterThan(20);
    expect(files.filter(isRepository).length).toBeGreaterThan(3);
  });

  it('no library names a table it does not own or writes a view, and SQL stays in repositories', () => {
    const problems: string[] = [];
    for (const [file, scan] of scans) {
      const pending = PENDING_REPOSITORY_MOVE[file];
      for (const f of findingsFor(file, scan, libraryOf(file))) {
        if (pending && (f.table === undefined || pending.foreign.includes(f.table))) continue;
        problems.push(`${f.file}:${f.line} ${f.problem}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('PENDING_REPOSITORY_MOVE lists only files that still need it', () => {
    const stale: string[] = [];
    for (const [file, { foreign }] of Object.entries(PENDING_REPOSITORY_MOVE)) {
      const scan = scans.get(file);
      if (!scan) {
        stale.push(`${file}: no such file any more`);
        continue;
      }
      const findings = findingsFor(file, scan, libraryOf(file));
      if (!findings.some((f) => f.table === undefined))
        stale.push(`${file}: holds no SQL outside a repository any more`);
      for (const table of foreign)
        if (!findings.some((f) => f.table === table))
          stale.push(`${file}: no longer names "${table}"`);
    }
    expect(stale).toEqual([]);
  });

  it('every table of the migrations is in the ownership map', () => {
    const migrations = sourceFiles(ROOT, API_LIBS).filter(
      (f) => isMigration(f) || f.startsWith('libs/api/core/src/database/migrations/'),
    );
    const created = new Set<string>();
    for (const file of migrations) {
      const source = scanFile(ROOT, file);
      for (const m of source.mentions) if (m.keyword === 'TABLE') created.add(m.name);
    }
    const missing = [...created].filter((t) => !OWNERSHIP[t]);
    expect(missing).toEqual([]);
  });
});

describe('the SQL scanner', () => {
  const scan = (source: string): SourceScan => scanSource(source);

  it('reads tables from FROM, JOIN, INTO, UPDATE, DELETE FROM and TABLE, skipping CTEs and functions', () => {
    expect(
      tablesIn(
        `WITH RECURSIVE below AS (SELECT id FROM org_units WHERE parent_id = $1
           UNION ALL SELECT u.id FROM org_units u JOIN below b ON u.parent_id = b.id)
         INSERT INTO assignments(plan_id) SELECT t.plan_id FROM plan_tasks t JOIN below ON true
         WHERE extract(epoch FROM now()) > 0 AND EXISTS (SELECT 1 FROM audit_verify())`,
      ),
    ).toEqual([
      { name: 'org_units', access: 'read', keyword: 'FROM' },
      { name: 'org_units', access: 'read', keyword: 'FROM' },
      { name: 'assignments', access: 'write', keyword: 'INTO' },
      { name: 'plan_tasks', access: 'read', keyword: 'FROM' },
    ]);
    expect(tablesIn('UPDATE users SET x = 1; DELETE FROM sessions WHERE true')).toEqual([
      { name: 'users', access: 'write', keyword: 'UPDATE' },
      { name: 'sessions', access: 'write', keyword: 'DELETE FROM' },
    ]);
  });

  it('reads SQL in quotes, templates and template holes, not in comments or messages', () => {
    const s = scan(`
      // SELECT * FROM comment_table
      const a = 'SELECT id FROM plans WHERE id = $1';
      const b = \`SELECT n FROM notifications \${flag ? 'JOIN users u ON true' : ''} WHERE x\`;
      const re = /'/g;
      const msg = '请从 FROM 列表中选择';
      @Entity('plan_tasks') class T {}
    `);
    expect(s.mentions.map((m) => [m.name, m.line])).toEqual([
      ['plans', 3],
      ['notifications', 4],
      ['users', 4],
      ['plan_tasks', 7],
    ]);
    expect(s.dataAccessLines).toEqual([3, 4]);
  });

  it('fails a library that names a table it does not own, or writes a view', () => {
    const fake = scan(`
      export class PlansRepository {
        list(m: EntityManager) {
          return select(m, Row, 'SELECT p.id, o.name FROM plans p JOIN organizations o ON o.id = p.organization_id');
        }
        count(m: EntityManager) {
          return select(m, Row, 'SELECT count(*) FROM org_units');
        }
        touch(m: EntityManager) {
          return execute(m, 'UPDATE org_units SET name = $1');
        }
        guess(m: EntityManager) {
          return execute(m, 'DELETE FROM mystery_table');
        }
      }`);
    expect(
      findingsFor('libs/api/plans/src/plans.repository.ts', fake, 'api/plans').map((f) => [
        f.table,
        f.line,
      ]),
    ).toEqual([
      ['organizations', 4],
      ['org_units', 10],
      ['mystery_table', 13],
    ]);
    // The owner may read it; a listed reader may read but not write.
    expect(findingsFor('x.repository.ts', fake, 'api/organizations').map((f) => f.table)).toEqual([
      'plans',
      'org_units',
      'mystery_table',
    ]);
    const audit = scan(
      `const q = 'SELECT id FROM audit_events'; const w = 'UPDATE audit_events SET x = 1';`,
    );
    expect(findingsFor('a.repository.ts', audit, 'api/audit').map((f) => f.problem)).toEqual([
      'api/audit writes "audit_events" (UPDATE), owned by api/core; read a view it publishes instead',
    ]);
  });

  it('fails SQL or TypeORM data access outside a repository file', () => {
    const service = scan(`
      export class PlansService {
        run(m: EntityManager) {
          return m.getRepository(PlanEntity).find();
        }
      }`);
    expect(
      findingsFor('libs/api/plans/src/plans.service.ts', service, 'api/plans').map(
        (f) => f.problem,
      ),
    ).toEqual(['holds SQL or TypeORM data access outside a *.repository.ts file (lines 4)']);
    expect(findingsFor('libs/api/plans/src/plans.repository.ts', service, 'api/plans')).toEqual([]);
  });
});
