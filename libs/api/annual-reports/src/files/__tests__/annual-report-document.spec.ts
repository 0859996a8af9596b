import { inspectDocx, renderOfficialDocument } from '@sunshine/api/official-docs';
import {
  ANNUAL_FORMAT_2021 as FORMAT,
  ANNUAL_REPORT_SECTION_TITLES,
} from '@sunshine/shared/domain';
import { annualReportDocument, annualReportFileName } from '../annual-report-document';

const values = {
  't2.normative.issued': 2,
  't2.normative.inForce': 17,
  't2.fees.amount': 1.5,
  't3.received.natural': 3,
  't3.received.business': 1,
  't3.received.total': 4,
  't3.disclosed.natural': 2,
  't3.disclosed.total': 2,
  't3.unavailable1.natural': 1,
  't3.unavailable1.business': 1,
  't3.unavailable1.total': 2,
  't3.resultTotal.natural': 3,
  't3.resultTotal.business': 1,
  't3.resultTotal.total': 4,
  't4.reconsideration.upheld': 1,
  't4.reconsideration.total': 1,
};

async function render() {
  return inspectDocx(
    await renderOfficialDocument(
      annualReportDocument({
        organizationName: '庐阳区审计局',
        year: 2025,
        format: FORMAT,
        sections: {
          overview:
            '2025年，庐阳区审计局认真贯彻落实《中华人民共和国政府信息公开条例》。\n全年主动公开审计结果公告 12 条。',
          problems: '政策解读形式较为单一。',
          other: '本机关本年度未收取信息处理费。',
        },
        values,
        date: '2026-01-20',
      }),
    ),
  );
}

describe('the annual report as an official document', () => {
  it('has the title, the six sections in order, the text and the signature', async () => {
    const doc = await render();
    expect(doc.paragraphs.slice(0, 2)).toEqual(['庐阳区审计局', '2025年政府信息公开工作年度报告']);
    const positions = ANNUAL_REPORT_SECTION_TITLES.map((t) => doc.paragraphs.indexOf(t));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(doc.text).toContain('全年主动公开审计结果公告 12 条。');
    expect(doc.text).toContain('本机关本年度未收取信息处理费。');
    expect(doc.text).toContain('2026年1月20日');
    expect(doc.page.widthMm).toBe(210);
    expect(doc.fonts).toEqual(expect.arrayContaining(['仿宋_GB2312', '黑体']));
  });

  it('lays out 表二, 表三 and 表四 with the national headers and the bureau numbers', async () => {
    const doc = await render();
    expect(doc.tables).toHaveLength(3);
    const [t2, t3, t4] = doc.tables as [string[][], string[][], string[][]];
    expect(t2[0]![0]).toBe('第二十条第（一）项');
    expect(doc.documentXml.match(/<w:tblHeader\/>/g) ?? []).toHaveLength(3 + 3);
    expect(t2[1]).toEqual(['信息内容', '本年制发件数', '本年废止件数', '现行有效件数']);
    expect(t2[3]).toEqual(['行政规范性文件', '2', '0', '17']);
    expect(t2[13]![0]).toBe('行政事业性收费');
    expect(t2[13]).toContain('1.50');
    // 表三: three header rows, then 一、本年新收 with its seven columns.
    expect(t3[0]).toContain('申请人情况');
    expect(t3[1]).toEqual(expect.arrayContaining(['自然人', '法人或其他组织', '总计']));
    expect(t3[2]).toEqual(
      expect.arrayContaining(['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他']),
    );
    const received = t3.find((r) => r[0] === '一、本年新收政府信息公开申请数量')!;
    expect(received.slice(-7)).toEqual(['3', '1', '0', '0', '0', '0', '4']);
    const unavailable = t3.find((r) => r.includes('1.本机关不掌握相关政府信息'))!;
    expect(unavailable.slice(-7)).toEqual(['1', '1', '0', '0', '0', '0', '2']);
    expect(t3.some((r) => r.includes('（七）总计'))).toBe(true);
    expect(t3.some((r) => r[0] === '四、结转下年度继续办理')).toBe(true);
    expect(t4[0]).toEqual(expect.arrayContaining(['行政复议', '行政诉讼']));
    expect(t4[1]).toEqual(expect.arrayContaining(['未经复议直接起诉', '复议后起诉']));
    expect(t4[3]!.slice(0, 5)).toEqual(['1', '0', '0', '0', '1']);
  });

  it('names the file after the bureau and the year', () => {
    expect(annualReportFileName('庐阳区审计局', 2025)).toBe(
      '庐阳区审计局2025年政府信息公开工作年度报告.docx',
    );
  });
});
