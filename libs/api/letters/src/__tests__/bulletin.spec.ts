import { inspectDocx, OFFICIAL_LAYOUT, renderOfficialDocument } from '@sunshine/api/official-docs';
import { bulletinDocument, bulletinPeriod, bulletinRankingRows } from '../bulletin';
import { org, SCORECARD } from './scorecard-fixture';

describe('bulletinDocument', () => {
  it('names the period and ranks ties together, best first', () => {
    expect(bulletinPeriod(2025, 3)).toBe('2025年前三季度');
    expect(bulletinPeriod(2025, null)).toBe('2025年度');
    expect(bulletinPeriod(2025, 1)).toBe('2025年第一季度');
    expect(bulletinPeriod(2025, 2)).toBe('2025年上半年');
    expect(bulletinRankingRows(SCORECARD)).toEqual([
      ['1', '合肥市审计局', '93.00', '优秀', '—'],
      ['2', '芜湖市审计局', '88.50', '良好', '+3.25'],
      ['2', '蚌埠市审计局', '88.50', '良好', '-1.00'],
      ['4', '淮南市审计局', '70.00', '合格', '0.00'],
      ['5', '马鞍山市审计局', '62.00', '不合格（一票否决）', '-10.00'],
    ]);
  });

  it('renders an A4 GB/T 9704 document whose ranking table equals the scorecard rows', async () => {
    const doc = await inspectDocx(
      await renderOfficialDocument(
        bulletinDocument({ scorecard: SCORECARD, issuer: '安徽省审计厅', date: '2025-10-15' }),
      ),
    );
    expect(doc.page).toEqual({
      widthMm: 210,
      heightMm: 297,
      margins: { top: 37, bottom: 35, left: 28, right: 26 },
    });
    expect(doc.fonts).toEqual(
      expect.arrayContaining([
        OFFICIAL_LAYOUT.fonts.title.name,
        OFFICIAL_LAYOUT.fonts.body.name,
        OFFICIAL_LAYOUT.fonts.heading1.name,
      ]),
    );
    expect(doc.text).toContain('关于2025年前三季度全省审计机关');
    expect(doc.text).toContain('政务公开工作考评情况的通报');
    expect(doc.paragraphs).toContain('各市审计局：');
    expect(doc.paragraphs).toContain('二、考评排名');
    const [ranking, problems] = doc.tables;
    expect(ranking?.[0]).toEqual(['名次', '单位', '得分', '等次', '较上年同期']);
    expect(ranking?.slice(1)).toEqual(bulletinRankingRows(SCORECARD));
    expect(
      ranking
        ?.slice(1)
        .map((r) => r[1])
        .sort(),
    ).toEqual(SCORECARD.rows.map((r) => r.organization.name).sort());
    // The vetoed bureau first, then the lowest three from the bottom, each once.
    expect(problems?.slice(1).map((r) => r[0])).toEqual([
      '马鞍山市审计局',
      '淮南市审计局',
      '蚌埠市审计局',
    ]);
    expect(problems?.[2]?.[2]).toBe('测评问题逾期整改 −5.00；培训未达标 −2.00');
    expect(doc.text).toContain('参评单位5个，满分100分，平均得分80.40分');
    expect(doc.text).toContain('（其中一票否决1个）');
    expect(doc.text).not.toContain('尚未定档');
    expect(doc.text).toContain('2025年10月15日');
    expect(doc.footers.join(' ')).toContain('PAGE');
  });

  it('says when the results are not frozen yet, and addresses counties in a city bulletin', async () => {
    const city = bulletinDocument({
      scorecard: { ...SCORECARD, organization: org('3401', '合肥市审计局'), publication: null },
      issuer: '合肥市审计局',
      date: '2025-10-16',
    });
    expect(city.recipients).toBe('各县（市、区）审计局：');
    expect(city.title).toContain('全市');
    expect(JSON.stringify(city.blocks)).toContain('尚未定档');
  });
});
