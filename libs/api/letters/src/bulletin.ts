import type { OfficialBlock, OfficialDocument } from '@sunshine/api/official-docs';
import type { ScorecardSnapshot } from '@sunshine/api/core';
import { formatDateZh, type CalendarDate } from '@sunshine/shared/domain';

const QUARTER_NAMES = ['', '第一季度', '上半年', '前三季度', '全年'];
const CHINESE_ORDINALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
/** How many of the lowest-ranked bureaus the bulletin names with their reasons. */
export const BULLETIN_LOWEST = 3;

/** 2025年度, 2025年前三季度. */
export function bulletinPeriod(year: number, quarter: number | null): string {
  return quarter === null || quarter === 4 ? `${year}年度` : `${year}年${QUARTER_NAMES[quarter]}`;
}

const points = (n: number): string => n.toFixed(2);
const signed = (n: number | null): string =>
  n === null ? '—' : n > 0 ? `+${n.toFixed(2)}` : n.toFixed(2);

/** The rows in ranking order (ties keep the code order); unranked rows last. */
function ranked(s: ScorecardSnapshot): ScorecardSnapshot['rows'] {
  return [...s.rows].sort(
    (a, b) =>
      (a.rank ?? Number.MAX_SAFE_INTEGER) - (b.rank ?? Number.MAX_SAFE_INTEGER) ||
      b.score - a.score ||
      a.organization.code.localeCompare(b.organization.code),
  );
}

export interface BulletinInput {
  scorecard: ScorecardSnapshot;
  /** The issuing organ (署名); the assessor. */
  issuer: string;
  /** 成文日期: the publication day, or the business day for results not yet frozen. */
  date: CalendarDate;
}

/** The ranking table's rows: 名次, 单位, 得分, 等次, 较上年同期 (what a test compares with the scorecard). */
export function bulletinRankingRows(s: ScorecardSnapshot): string[][] {
  return ranked(s).map((r) => [
    r.rank === null ? '—' : String(r.rank),
    r.organization.name,
    points(r.score),
    r.vetoed ? `${r.gradeLabel}（一票否决）` : r.gradeLabel,
    signed(r.change),
  ]);
}

/**
 * The 通报 of a scorecard in the official layout: the overall figures, the ranking table, the
 * lowest-ranked bureaus with the reasons from their breakdowns (and every vetoed bureau), the
 * requirements, the issuing organ and the date.
 */
export function bulletinDocument({ scorecard: s, issuer, date }: BulletinInput): OfficialDocument {
  const period = bulletinPeriod(s.year, s.quarter);
  const rows = ranked(s);
  const scope = s.organization.code.length <= 2 ? '全省' : '全市';
  const count = (g: string) => s.gradeDistribution.find((d) => d.grade === g)?.count ?? 0;
  const label = (g: string, fallback: string) =>
    s.gradeDistribution.find((d) => d.grade === g)?.label ?? fallback;
  const blocks: OfficialBlock[] = [];
  let part = 0;
  const heading = (text: string) =>
    blocks.push({ kind: 'heading', level: 1, text: `${CHINESE_ORDINALS[part++]}、${text}` });

  blocks.push({
    kind: 'paragraph',
    text: `为推动${scope}审计机关政务公开工作提质增效，根据${s.year}年度政务公开工作考评细则${s.rubricVersion > 0 ? `（第${s.rubricVersion}版）` : ''}，${issuer}依据阳光督导平台记录的重点工作任务完成、季度进展报送、第三方评估问题整改和业务培训等情况，对${rows.length}个单位${period}政务公开工作进行了考评。现将有关情况通报如下：`,
  });

  heading('总体情况');
  blocks.push({
    kind: 'paragraph',
    text: `参评单位${rows.length}个，满分${s.maxScore}分，平均得分${s.average === null ? '—' : points(s.average)}分。其中，${label('EXCELLENT', '优秀')}${count('EXCELLENT')}个、${label('GOOD', '良好')}${count('GOOD')}个、${label('PASS', '合格')}${count('PASS')}个、${label('FAIL', '不合格')}${count('FAIL')}个${s.vetoedCount > 0 ? `（其中一票否决${s.vetoedCount}个）` : ''}。`,
  });
  if (!s.publication)
    blocks.push({
      kind: 'paragraph',
      text: `以上结果为截至${formatDateZh(date)}的计算结果，尚未定档。`,
    });

  heading('考评排名');
  blocks.push({
    kind: 'table',
    caption: `${period}${scope}审计机关政务公开工作考评排名`,
    header: [['名次', '单位', '得分', '等次', '较上年同期']],
    rows: bulletinRankingRows(s).map((r) =>
      r.map((text, i) => (i === 1 ? { text, align: 'left' as const } : text)),
    ),
    columnWidths: [1.2, 4.6, 1.6, 2.6, 2],
    fontSize: 'small',
  });

  const named = new Set<string>();
  const lowest = rows.filter((r) => r.rank !== null).slice(-BULLETIN_LOWEST);
  const flagged = [...rows.filter((r) => r.vetoed), ...lowest.reverse()].filter((r) => {
    if (named.has(r.organization.id)) return false;
    named.add(r.organization.id);
    return true;
  });
  heading('存在的主要问题');
  if (flagged.length === 0 || flagged.every((r) => r.reasons.length === 0)) {
    blocks.push({ kind: 'paragraph', text: '本期考评未发现突出问题。' });
  } else {
    blocks.push({
      kind: 'paragraph',
      text: `排名靠后${flagged.some((r) => r.vetoed) ? '和被一票否决' : ''}的单位主要失分情况如下：`,
    });
    blocks.push({
      kind: 'table',
      header: [['单位', '得分', '主要失分原因']],
      rows: flagged.map((r) => [
        { text: r.organization.name, align: 'left' },
        points(r.score),
        { text: r.reasons.length > 0 ? r.reasons.join('；') : '—', align: 'left' },
      ]),
      columnWidths: [3.4, 1.6, 7],
      fontSize: 'small',
    });
  }

  heading('有关要求');
  blocks.push({
    kind: 'paragraph',
    text: '各单位要对照考评结果和失分原因，认真查找差距，逐项整改到位；排名靠后和被一票否决的单位要深入分析原因，制定整改措施，于通报印发之日起15个工作日内将整改情况报送。考评结果将纳入年度工作综合评价。',
  });

  return {
    // Two lines of at most about 20 characters at 2号 (the 版心 is 156 mm wide).
    title: `关于${period}${scope}审计机关\n政务公开工作考评情况的通报`,
    recipients: scope === '全省' ? '各市审计局：' : '各县（市、区）审计局：',
    blocks,
    issuer,
    date,
  };
}
