import ExcelJS from 'exceljs';
import { inspectDocx, renderOfficialDocument } from '@sunshine/api/official-docs';
import { OrgLevel } from '@sunshine/shared/domain';
import {
  bureauCertificate,
  personCertificate,
  type CertificateLine,
} from '../certificate-document';
import { coverageWorkbook, periodLabel } from '../coverage-workbook';

const line = (over: Partial<CertificateLine>): CertificateLine => ({
  traineeName: '陈明',
  post: '副局长',
  sessionTitle: '全省政务公开业务培训班',
  organiser: '安徽省审计厅',
  startDate: '2025-06-10',
  endDate: '2025-06-11',
  hours: 12,
  ...over,
});

describe('学时证明', () => {
  it('a person: sessions by date, partial hours, the total, issuer and date', async () => {
    const doc = personCertificate({
      bureau: '瑶海区审计局',
      year: 2025,
      issuer: '安徽省审计厅',
      date: '2025-10-15',
      lines: [
        line({
          sessionTitle: '政策解读',
          startDate: '2025-09-01',
          endDate: '2025-09-01',
          hours: 1.5,
        }),
        line({}),
      ],
    });
    const d = await inspectDocx(await renderOfficialDocument(doc));
    expect(d.text).toContain(
      '兹证明瑶海区审计局陈明（副局长）同志于2025年参加政务公开业务培训2期，累计13.5学时。',
    );
    expect(d.tables[0]).toEqual([
      ['序号', '培训班', '举办单位', '日期', '学时'],
      ['1', '全省政务公开业务培训班', '安徽省审计厅', '2025.6.10—2025.6.11', '12'],
      ['2', '政策解读', '安徽省审计厅', '2025.9.1', '1.5'],
      ['合计', '13.5'],
    ]);
    expect(d.paragraphs).toContain('安徽省审计厅');
    expect(d.paragraphs).toContain('2025年10月15日');
  });

  it('a bureau: distinct people, sessions and hours', () => {
    const doc = bureauCertificate({
      bureau: '瑶海区审计局',
      year: 2025,
      issuer: '安徽省审计厅',
      date: '2025-10-15',
      lines: [line({}), line({ traineeName: '李华', post: '科员', hours: 6 })],
    });
    const first = doc.blocks[0] as { text: string };
    expect(first.text).toBe(
      '兹证明瑶海区审计局2025年共有2人参加政务公开业务培训1期，累计18学时。具体如下：',
    );
  });
});

describe('coverage workbook', () => {
  it('writes the rows, the total and the untrained bureaus', async () => {
    const org = (id: string, name: string) => ({
      id,
      code: id,
      name,
      level: OrgLevel.CITY,
      parentId: null,
    });
    const row = (o: ReturnType<typeof org>, trained: number) => ({
      organization: o as never,
      bureaus: 10,
      bureausTrained: trained,
      trainees: trained * 2,
      personHours: trained * 6,
      coverageRate: trained / 10,
      hoursPerBureau: (trained * 6) / 10,
      meetsRequirement: false,
      bureausMeeting: trained,
    });
    const buf = await coverageWorkbook({
      year: 2025,
      quarter: 3,
      organization: org('34', '安徽省审计厅') as never,
      total: row(org('34', '安徽省审计厅'), 9),
      rows: [row(org('3401', '合肥市审计局'), 4), row(org('3402', '=芜湖市审计局'), 5)],
      untrainedBureaus: [org('340102', '瑶海区审计局') as never],
      requirements: [],
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('培训覆盖情况')!;
    expect(ws.getRow(1).getCell(1).value).toBe('安徽省审计厅2025年第三季度培训覆盖情况');
    expect(ws.getRow(3).values).toEqual([, '合肥市审计局', 10, 4, '40%', 8, 24, 2.4, 4, '否']);
    // A name that looks like a formula stays text.
    expect(ws.getRow(4).getCell(1).value).toBe("'=芜湖市审计局");
    expect(ws.getRow(5).getCell(1).value).toBe('合计');
    expect(wb.getWorksheet('尚无人参训的单位')!.getRow(2).values).toEqual([
      ,
      1,
      '340102',
      '瑶海区审计局',
    ]);
    expect(periodLabel(2025, null)).toBe('2025年');
  });
});
