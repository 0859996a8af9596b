import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  AUDIT_ACTION_CODES,
  AUDIT_ACTIONS,
  AUDIT_TARGETS,
  isAuditAction,
  isAuditTarget,
  ProgressAction,
} from '@sunshine/shared/domain';

/**
 * Every audit action code the API writes has a Chinese name in the one shared table
 * (libs/shared/domain audit-actions.ts), so the audit log never shows a raw code. The type of
 * `AuditEventInput.action` checks the same at compile time; this test also catches codes that
 * reach the writer through a plain string (a helper's parameter, the seed's SQL).
 */

const ROOT = join(__dirname, '..', '..', '..', '..');
const SOURCES = ['libs/api', 'apps/api/src', 'tools/seed/src'];

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === '__tests__' ? [] : walk(path);
    return /\.ts$/.test(name) && !/\.(spec|int-spec)\.ts$/.test(name) ? [path] : [];
  });
}

/** Upper-case literals of an expression; of a ternary, only its branches (not its condition). */
const literals = (text: string): string[] => {
  const q = text.search(/\?\s*'/);
  const values = q >= 0 ? text.slice(q) : text;
  return [...values.matchAll(/'([A-Z][A-Z0-9_]*)'/g)].map((m) => m[1] ?? '');
};

/** The codes written in a source: `action: '…'` (also in ternaries and literal types), helpers
 * that take the action as an argument, templates such as `REPORT_${action}`. */
export function auditCodesIn(source: string): { codes: string[]; templates: string[] } {
  const codes: string[] = [];
  const templates: string[] = [];
  for (const m of source.matchAll(/\baction\??:\s*([^,;\n{}]+)/g))
    codes.push(...literals(m[1] ?? ''));
  for (const m of source.matchAll(/\baction:\s*`([A-Z_]+)\$\{/g)) templates.push(m[1] ?? '');
  // users' `this.mutate(scope, id, 'USER_…', …)` and its ternaries.
  for (const m of source.matchAll(/this\.mutate\(\s*scope,\s*[\w.]+,\s*([^]*?),\s*(?:async|\()/g))
    codes.push(...literals(m[1] ?? ''));
  return { codes, templates };
}

function scan(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const note = (code: string, file: string) => found.set(code, [...(found.get(code) ?? []), file]);
  for (const dir of SOURCES) {
    for (const file of walk(join(ROOT, dir))) {
      const source = readFileSync(file, 'utf8');
      if (!/audit\.record\(|seedEvent\(|AuditAction/.test(source)) continue;
      const { codes, templates } = auditCodesIn(source);
      const rel = relative(ROOT, file);
      for (const c of codes) note(c, rel);
      for (const prefix of templates) {
        if (prefix !== 'REPORT_')
          throw new Error(`${rel}: unknown audit code template ${prefix}\${…}`);
        for (const a of Object.values(ProgressAction)) note(`${prefix}${a}`, rel);
      }
    }
  }
  return found;
}

describe('audit action labels', () => {
  const found = scan();

  it('finds the codes the API writes (the scanner works)', () => {
    expect(found.size).toBeGreaterThan(30);
    for (const code of ['LOGIN', 'REPORT_SUBMIT', 'EVIDENCE_UPLOAD', 'PLAN_IMPORT', 'SEED_DEMO'])
      expect(found.has(code)).toBe(true);
  });

  it('names every code written anywhere in the API in Chinese', () => {
    const missing = [...found].filter(([code]) => !isAuditAction(code));
    expect(missing.map(([code, files]) => `${code} (${files.join(', ')})`)).toEqual([]);
  });

  it('keeps no name for a code nothing writes', () => {
    expect(AUDIT_ACTION_CODES.filter((c) => !found.has(c))).toEqual([]);
  });

  it('names every action and target in Chinese', () => {
    for (const { label } of Object.values(AUDIT_ACTIONS)) expect(label).toMatch(/[\u4e00-\u9fa5]/);
    for (const label of Object.values(AUDIT_TARGETS)) expect(label).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('names every target type written anywhere in the API', () => {
    const types = new Set<string>();
    for (const dir of SOURCES)
      for (const file of walk(join(ROOT, dir)))
        for (const m of readFileSync(file, 'utf8').matchAll(/\btargetType:\s*'([A-Za-z]+)'/g))
          types.add(m[1] ?? '');
    expect(types.size).toBeGreaterThan(5);
    expect([...types].filter((t) => !isAuditTarget(t))).toEqual([]);
  });

  it('the scanner reads actions from object literals, ternaries, literal types and helpers', () => {
    const src = `
      await this.audit.record(m, scope, { action: plan.published ? 'PLAN_TASK_ADJUST' : 'PLAN_TASK_UPDATE' });
      async recordFailure(action: 'LOGIN' | 'PASSWORD_CHANGE') {}
      await this.mutate(scope, id, status === 'X' ? 'USER_DISABLE' : 'USER_ENABLE', async () => {});
      await this.audit.record(m, scope, { action: \`REPORT_\${action}\` });`;
    const { codes, templates } = auditCodesIn(src);
    expect(codes).toEqual(
      expect.arrayContaining([
        'PLAN_TASK_ADJUST',
        'PLAN_TASK_UPDATE',
        'LOGIN',
        'PASSWORD_CHANGE',
        'USER_DISABLE',
        'USER_ENABLE',
      ]),
    );
    expect(templates).toEqual(['REPORT_']);
  });
});
