import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import {
  auditInstitutionName,
  OrgLevel,
  ORG_LEVEL_ORDER,
  Role,
  type AuditAction,
  type AuditTarget,
} from '@sunshine/shared/domain';
import { appendAuditEvent, hashPassword, type AuditKeyring } from '@sunshine/api/core/database';
import type { Division } from './divisions';
import { seedDemoLinks } from './demo-links';
import { seedDemoAssessments } from './demo-assessments';
import { seedDemoAnnualReports } from './demo-annual-reports';
import { orgIdForCode } from './org-ids';
import { seedDemoReporting, type DemoReportingResult } from './demo-reporting';
import { seedDemoTrainings } from './demo-trainings';
import { seedDemoScorecards } from './demo-scorecards';

export const DEMO_PASSWORD = 'Sunshine#2025';

export interface UserSeed {
  organizationCode: string;
  username: string;
  displayName: string;
  roles: Role[];
}

/** Inserts the organisations of a division list top-down; existing codes are left alone. Returns how many were new. */
export async function seedOrganizations(
  ds: DataSource,
  divisions: Division[],
  parentOfRoot?: string,
): Promise<number> {
  const sorted = [...divisions].sort(
    (a, b) =>
      ORG_LEVEL_ORDER.indexOf(a.level) - ORG_LEVEL_ORDER.indexOf(b.level) ||
      a.code.localeCompare(b.code),
  );
  let inserted = 0;
  for (const level of ORG_LEVEL_ORDER) {
    const batch = sorted.filter((d) => d.level === level);
    if (batch.length === 0) continue;
    const values: unknown[] = [];
    const rows = batch.map((d, i) => {
      const parent = d.parentCode ? orgIdForCode(d.parentCode) : (parentOfRoot ?? null);
      values.push(
        orgIdForCode(d.code),
        d.code,
        auditInstitutionName(d.name, d.level),
        d.level,
        parent,
      );
      const o = i * 5;
      return `($${o + 1}::uuid, $${o + 2}, $${o + 3}, $${o + 4}, $${o + 5}::uuid)`;
    });
    const res = (await ds.query(
      `INSERT INTO organizations(id, code, name, level, parent_id) VALUES ${rows.join(',')}
       ON CONFLICT (code) DO NOTHING RETURNING id`,
      values,
    )) as unknown[];
    inserted += res.length;
  }
  return inserted;
}

export function demoUsers(divisions: Division[]): UserSeed[] {
  const province = divisions.find(
    (d) => d.level === OrgLevel.PROVINCE || d.level === OrgLevel.NATIONAL,
  );
  if (!province) throw new Error('division list has no province');
  const top = province.code;
  const users: UserSeed[] = [
    {
      organizationCode: top,
      username: `${top}-admin`,
      displayName: '省厅系统管理员',
      roles: [Role.ADMIN],
    },
    {
      organizationCode: top,
      username: `${top}-leader`,
      displayName: '省厅分管领导',
      roles: [Role.LEADER],
    },
    {
      organizationCode: top,
      username: `${top}-security`,
      displayName: '省厅安全管理员',
      roles: [Role.SECURITY_ADMIN],
    },
    {
      organizationCode: top,
      username: `${top}-auditor`,
      displayName: '省厅审计管理员',
      roles: [Role.AUDITOR],
    },
    {
      organizationCode: top,
      username: 'assessor',
      displayName: '第三方测评机构',
      roles: [Role.ASSESSOR],
    },
  ];
  for (const d of divisions) {
    if (d.code === top) continue;
    const short = d.name;
    users.push(
      {
        organizationCode: d.code,
        username: `${d.code}-admin`,
        displayName: `${short}管理员`,
        roles: [Role.ADMIN],
      },
      {
        organizationCode: d.code,
        username: `${d.code}-editor`,
        displayName: `${short}填报员`,
        roles: [Role.EDITOR],
      },
      {
        organizationCode: d.code,
        username: `${d.code}-reviewer`,
        displayName: `${short}审核人`,
        roles: [Role.REVIEWER],
      },
    );
  }
  return users;
}

export async function insertUsers(
  ds: DataSource,
  users: UserSeed[],
  passwordHash: string,
  mustChange: boolean,
): Promise<number> {
  let inserted = 0;
  for (let i = 0; i < users.length; i += 200) {
    const chunk = users.slice(i, i + 200);
    const values: unknown[] = [];
    const rows = chunk.map((u, j) => {
      values.push(
        orgIdForCode(u.organizationCode),
        u.username,
        u.displayName,
        passwordHash,
        u.roles,
        mustChange,
      );
      const o = j * 6;
      return `($${o + 1}::uuid, $${o + 2}, $${o + 3}, $${o + 4}, $${o + 5}::text[], $${o + 6})`;
    });
    const res = (await ds.query(
      `INSERT INTO users(organization_id, username, display_name, password_hash, roles, must_change_password)
       VALUES ${rows.join(',')} ON CONFLICT DO NOTHING RETURNING id`,
      values,
    )) as unknown[];
    inserted += res.length;
  }
  return inserted;
}

/**
 * The seed's own audit event, as the system. Keyed (in its own transaction) when given the
 * installation's audit key, as the app does; without one, unkeyed, which the database accepts only
 * before the chain is keyed (a new database: those events predate the anchoring).
 */
export async function seedEvent(
  ds: DataSource,
  audit: AuditKeyring | undefined,
  event: {
    action: AuditAction;
    targetType: AuditTarget;
    targetId: string | null;
    changes: Record<string, unknown> | null;
  },
): Promise<void> {
  if (audit) {
    await ds.transaction((m) =>
      appendAuditEvent(m, audit, {
        userId: null,
        username: 'system',
        organizationId: null,
        result: 'SUCCESS',
        ip: null,
        ...event,
      }),
    );
    return;
  }
  await ds.query(
    `SELECT audit_append(NULL, 'system', NULL, $1, $2, $3, 'SUCCESS', NULL, $4::jsonb)`,
    [
      event.action,
      event.targetType,
      event.targetId,
      event.changes ? JSON.stringify(event.changes) : null,
    ],
  );
}

/**
 * Demo mode: the organisations plus the documented demo accounts, all with DEMO_PASSWORD.
 * One argon2 hash serves every demo account (they share the password anyway) to keep the
 * first start fast. Runs as the owner.
 */
export async function seedDemo(
  ds: DataSource,
  divisions: Division[],
  now: Date = new Date(),
  audit?: AuditKeyring,
  options: {
    /**
     * Years of plans and reports, assessment rounds and training sessions up to the clock's year
     * (default 2: last year and this one).
     */
    reportingYears?: number;
    /** The app's own origin: the demo's links point at its /demo-site pages and are registered. */
    siteOrigin?: string;
  } = {},
): Promise<{ organizations: number; users: number; reporting: DemoReportingResult | null }> {
  const organizations = await seedOrganizations(ds, divisions);
  const users = await insertUsers(
    ds,
    demoUsers(divisions),
    await hashPassword(DEMO_PASSWORD),
    false,
  );
  const top = divisions.find((d) => d.parentCode === null);
  if (top) {
    await ds.query(
      `INSERT INTO assessor_assignments(user_id, organization_id)
       SELECT id, $1::uuid FROM users WHERE username = 'assessor' ON CONFLICT DO NOTHING`,
      [orgIdForCode(top.code)],
    );
  }
  const reporting =
    top && organizations > 0
      ? await seedDemoReporting(ds, top.code, now, { years: options.reportingYears })
      : null;
  // Assessment and training history follows reporting's years (undefined: the demo's two).
  const years = options.reportingYears;
  if (top && organizations > 0) await seedDemoTrainings(ds, top.code, now, { years });
  if (top && organizations > 0) {
    await seedDemoAssessments(ds, top.code, now, options.siteOrigin, { years });
    if (options.siteOrigin) await seedDemoLinks(ds, options.siteOrigin);
    await seedDemoAnnualReports(ds, top.code, now);
    await seedDemoScorecards(ds, top.code, now);
  }
  await seedEvent(ds, audit, {
    action: 'SEED_DEMO',
    targetType: 'System',
    targetId: null,
    changes: { organizations, users, reporting },
  });
  return { organizations, users, reporting };
}

/** An installation account and its one-time password. */
export interface InstalledAccount {
  username: string;
  displayName: string;
  roles: Role[];
  password: string;
}

/** A random password that meets the policy (three classes at least), 16 characters. */
function installationPassword(): string {
  return `${randomBytes(9).toString('base64url')}Aa1#`;
}

/**
 * Production first start: the organisations and the three administrators of 三员分立 at the top
 * organisation, each with its own random password that must be changed at first sign-in: the
 * system administrator (ADMIN), the security administrator (SECURITY_ADMIN, who manages audit and
 * security administrators' accounts) and the audit administrator (AUDITOR). Nothing happens when
 * any account exists.
 */
export async function seedProduction(
  ds: DataSource,
  divisions: Division[],
  audit?: AuditKeyring,
): Promise<InstalledAccount[] | null> {
  await seedOrganizations(ds, divisions);
  const existing = (await ds.query(`SELECT 1 FROM users LIMIT 1`)) as unknown[];
  if (existing.length > 0) return null;
  const top = divisions.find((d) => d.parentCode === null);
  if (!top) throw new Error('division list has no top organisation');
  const adminUsername = `${top.code}-admin`;
  const accounts: InstalledAccount[] = [
    { username: adminUsername, displayName: '系统管理员', roles: [Role.ADMIN] },
    { username: `${top.code}-security`, displayName: '安全管理员', roles: [Role.SECURITY_ADMIN] },
    { username: `${top.code}-auditor`, displayName: '审计管理员', roles: [Role.AUDITOR] },
  ].map((a) => ({ ...a, password: installationPassword() }));
  for (const a of accounts) {
    await insertUsers(
      ds,
      [
        {
          organizationCode: top.code,
          username: a.username,
          displayName: a.displayName,
          roles: a.roles,
        },
      ],
      await hashPassword(a.password),
      true,
    );
  }
  await seedEvent(ds, audit, {
    action: 'SEED_ADMIN',
    targetType: 'User',
    targetId: adminUsername,
    changes: { accounts: accounts.map((a) => ({ username: a.username, roles: a.roles })) },
  });
  return accounts;
}
