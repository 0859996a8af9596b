import ExcelJS from 'exceljs';
import { Client } from 'pg';
import type { Browser } from 'playwright-core';
import { baseUrl, launchBrowser, newPage, screenshot, signIn } from './support';

/**
 * Issue 8: a checklist as a city bureau publishes it goes through the import dialog — the
 * mapping step (a column without a header, guessed from its merged cells; a 备注 column the user
 * maps to 佐证材料), the preview with its warnings (a deadline of last year), then the import.
 * The file is made up for the test, in the shape of real task-division lists.
 */
const YEAR = 2022;

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

async function cityList(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('任务分解表');
  ws.addRow([`市审计局${YEAR}年政务公开工作任务分解表`]);
  ws.mergeCells('A1:G1');
  ws.addRow(['', '序号', '工作任务', '具体要求', '责任部门', '时限要求', '备注']);
  const groups: Array<[string, string[][]]> = [
    [
      '权力运行信息公开',
      [
        [
          '公开权责清单',
          '集中公开本局权责清单，职责调整后及时更新。',
          '法规科',
          '持续推进',
          '栏目链接',
        ],
        [
          '公开年度审计计划',
          '审计项目计划经批准后向社会公开。',
          '办公室',
          `${YEAR - 1}年12月31日`,
          '公开网页截图',
        ],
      ],
    ],
    [
      '重点领域信息公开',
      [
        [
          '公开审计结果公告',
          '依法公开本级预算执行审计结果公告。',
          '财政审计科',
          '9月底前',
          '公告链接',
        ],
        ['公开整改情况', '跟踪公开审计查出问题的整改情况。', '各科室', '年底前', '整改公告'],
      ],
    ],
    [
      '平台建设',
      [
        [
          '维护政府信息公开专栏',
          '调整栏目设置，确保信息更新及时、链接有效。',
          '办公室',
          '每月',
          '栏目截图',
        ],
        ['运营政务新媒体', '政务新媒体每周至少更新2次。', '办公室', '', '更新记录'],
        ['开展政务公开培训', '组织全局干部参加政务公开业务培训。', '人事科', '下半年', '培训通知'],
      ],
    ],
  ];
  let number = 0;
  for (const [category, tasks] of groups) {
    const first = ws.rowCount + 1;
    tasks.forEach((cells, i) => {
      number += 1;
      ws.addRow([i === 0 ? category : null, number, ...cells]);
    });
    ws.mergeCells(`A${first}:A${first + tasks.length - 1}`);
  }
  ws.addRow([]);
  const note = ws.addRow(['注：请各部门于每季度末报送落实情况。']);
  ws.mergeCells(`A${note.number}:G${note.number}`);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('checklist import through the dialog', () => {
  it('maps the columns, previews categories, tasks and warnings, then imports', async () => {
    const page = await newPage(browser);
    await signIn(page, '34-admin');
    await page.getByText('完成情况总览').waitFor();
    await page.goto(`${baseUrl()}/plans`);
    await page.getByRole('button', { name: '新建年度计划' }).first().click();
    const create = page.getByRole('dialog', { name: '新建年度计划' });
    await create.getByLabel('年度').fill(String(YEAR));
    await create.getByRole('button', { name: '创建草稿' }).click();
    await page.waitForURL(/\/plans\/[0-9a-f-]{36}$/);
    const planId = page.url().split('/').pop()!;

    await page.getByRole('button', { name: '导入任务清单' }).first().click();
    const dialog = page.getByRole('dialog', { name: '导入任务清单' });
    await dialog.getByText('点击或拖拽任务清单 Excel 文件').waitFor();
    await dialog.getByRole('button', { name: '下载示例文件' }).waitFor();
    await page.waitForTimeout(400); // the dialog's opening animation, for the screenshot
    await screenshot(page, 'plan-import-1-file');

    await dialog.locator('input[type=file]').setInputFiles({
      name: `市审计局${YEAR}年政务公开工作任务分解表.xlsx`,
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await cityList(),
    });

    // Step 2: the column without a header is guessed from its merged cells; 备注 is not guessed.
    await dialog.getByText('请核对每一列对应的内容').waitFor();
    await dialog.getByText('表头在第 2 行', { exact: false }).waitFor();
    const rowOf = (letter: string) =>
      dialog.locator('tbody tr').filter({ has: page.getByLabel(`第 ${letter} 列对应内容`) });
    await rowOf('A').getByText('类别', { exact: true }).waitFor();
    await rowOf('A').getByText('按内容推测').waitFor();
    await rowOf('E').getByText('牵头单位', { exact: true }).waitFor();
    await rowOf('G').getByText('不导入', { exact: true }).waitFor();
    await screenshot(page, 'plan-import-2-mapping');
    await dialog.getByLabel('第 G 列对应内容').click();
    await page
      .locator('.ant-select-dropdown:visible')
      .getByText('佐证材料', { exact: true })
      .click();
    await rowOf('G').getByTitle('佐证材料').waitFor();
    await dialog.getByRole('button', { name: '下一步：预览' }).click();

    // Step 3: the preview, nothing written yet.
    await dialog.getByText(/将导入 3 个类别、7 项任务，其中 \d+ 条提示请核对/).waitFor();
    await dialog.getByText('公开审计结果公告').waitFor();
    const owner = new Client({ connectionString: process.env.SUNSHINE_TEST_OWNER_URL });
    await owner.connect();
    try {
      const count = async () =>
        (
          await owner.query<{ n: number }>(
            'SELECT count(*)::int AS n FROM plan_tasks WHERE plan_id = $1',
            [planId],
          )
        ).rows[0]!.n;
      expect(await count()).toBe(0);
      await screenshot(page, 'plan-import-3-preview');
      await dialog.getByRole('tab', { name: /^提示/ }).click();
      await dialog.getByText(`不在计划年度（${YEAR}年）内`, { exact: false }).waitFor();
      await dialog.getByText('牵头单位为泛指', { exact: false }).first().waitFor();
      await dialog.getByText('表格中没有“适用层级”列', { exact: false }).waitFor();
      await screenshot(page, 'plan-import-4-warnings');

      // Step 4: import, all or nothing.
      await dialog.getByRole('button', { name: '确认导入' }).click();
      await dialog.getByText('任务清单已导入').waitFor();
      await dialog.getByText('导入 3 个类别、7 项任务', { exact: false }).waitFor();
      await screenshot(page, 'plan-import-5-done');
      expect(await count()).toBe(7);
      const evidence = await owner.query<{ evidence: string; deadline_text: string }>(
        'SELECT evidence, deadline_text FROM plan_tasks WHERE plan_id = $1 ORDER BY sort_order',
        [planId],
      );
      expect(evidence.rows.map((r) => r.evidence)).toEqual([
        '栏目链接',
        '公开网页截图',
        '公告链接',
        '整改公告',
        '栏目截图',
        '更新记录',
        '培训通知',
      ]);
      expect(evidence.rows[5]!.deadline_text).toBe('持续推进');
    } finally {
      await owner.end();
    }
    await dialog.getByRole('button', { name: /完\s*成/ }).click();
    await page.getByText('维护政府信息公开专栏').first().waitFor();

    // All or nothing: a file with an unreadable deadline shows its errors and cannot be imported.
    const bad = new ExcelJS.Workbook();
    const sheet = bad.addWorksheet('Sheet1');
    sheet.addRow(['序号', '工作任务', '责任单位', '完成时限']);
    sheet.addRow([1, '公开权责清单', '法规科', '下个月']);
    await page.getByRole('button', { name: '导入任务清单' }).first().click();
    await dialog.getByText('导入将替换计划中现有的全部类别和任务').waitFor();
    await dialog.locator('input[type=file]').setInputFiles({
      name: '有问题的清单.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: Buffer.from(await bad.xlsx.writeBuffer()),
    });
    await dialog.getByText('文件中有 1 处问题，无法导入').waitFor();
    await dialog.getByText('无法识别的完成时限：下个月').waitFor();
    expect(await dialog.getByRole('button', { name: '确认导入' }).isDisabled()).toBe(true);
    await screenshot(page, 'plan-import-6-errors');
    await dialog.getByRole('button', { name: /取\s*消/ }).click();
    await page.getByText('维护政府信息公开专栏').first().waitFor();
    await page.close();
  });
});
