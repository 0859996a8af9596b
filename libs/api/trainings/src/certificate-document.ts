import type { OfficialDocument } from '@sunshine/api/official-docs';

/** One attended session on a certificate. */
export interface CertificateLine {
  traineeName: string;
  post: string;
  sessionTitle: string;
  organiser: string;
  startDate: string;
  endDate: string;
  hours: number;
}

const round1 = (x: number): number => Math.round(x * 10) / 10;
const day = (d: string): string => {
  const [y, m, dd] = d.split('-').map(Number);
  return `${y}.${m}.${dd}`;
};
const dates = (l: CertificateLine): string =>
  l.startDate === l.endDate ? day(l.startDate) : `${day(l.startDate)}—${day(l.endDate)}`;
const byDate = (a: CertificateLine, b: CertificateLine): number =>
  a.startDate.localeCompare(b.startDate) || a.sessionTitle.localeCompare(b.sessionTitle);

/** 学时证明 for one person: every session attended in the year and the total hours. */
export function personCertificate(p: {
  bureau: string;
  year: number;
  lines: readonly CertificateLine[];
  issuer: string;
  date: string;
}): OfficialDocument {
  const lines = [...p.lines].sort(byDate);
  const first = lines[0]!;
  const total = round1(lines.reduce((s, l) => s + l.hours, 0));
  const who = `${first.traineeName}${first.post ? `（${first.post}）` : ''}`;
  return {
    title: '培训学时证明',
    blocks: [
      {
        kind: 'paragraph',
        text: `兹证明${p.bureau}${who}同志于${p.year}年参加政务公开业务培训${lines.length}期，累计${total}学时。具体如下：`,
      },
      {
        kind: 'table',
        header: [['序号', '培训班', '举办单位', '日期', '学时']],
        rows: [
          ...lines.map((l, i) => [i + 1, l.sessionTitle, l.organiser, dates(l), l.hours]),
          [{ text: '合计', colSpan: 4, align: 'center', bold: true }, total],
        ],
        columnWidths: [1.3, 6, 4, 3.4, 1.4],
        fontSize: 'small',
      },
      { kind: 'paragraph', text: '特此证明。' },
    ],
    issuer: p.issuer,
    date: p.date,
  };
}

/** 学时证明 for a bureau: every person and session of the year, people and hours in total. */
export function bureauCertificate(p: {
  bureau: string;
  year: number;
  lines: readonly CertificateLine[];
  issuer: string;
  date: string;
}): OfficialDocument {
  const lines = [...p.lines].sort(
    (a, b) => a.traineeName.localeCompare(b.traineeName, 'zh-CN') || byDate(a, b),
  );
  const people = new Set(lines.map((l) => l.traineeName)).size;
  const sessions = new Set(lines.map((l) => `${l.sessionTitle}|${l.startDate}`)).size;
  const total = round1(lines.reduce((s, l) => s + l.hours, 0));
  return {
    title: '培训学时证明',
    blocks: [
      {
        kind: 'paragraph',
        text: `兹证明${p.bureau}${p.year}年共有${people}人参加政务公开业务培训${sessions}期，累计${total}学时。具体如下：`,
      },
      {
        kind: 'table',
        header: [['序号', '姓名', '职务', '培训班', '日期', '学时']],
        rows: [
          ...lines.map((l, i) => [i + 1, l.traineeName, l.post, l.sessionTitle, dates(l), l.hours]),
          [{ text: '合计', colSpan: 5, align: 'center', bold: true }, total],
        ],
        columnWidths: [1.3, 2, 2.6, 6, 3.4, 1.4],
        fontSize: 'small',
      },
      { kind: 'paragraph', text: '特此证明。' },
    ],
    issuer: p.issuer,
    date: p.date,
  };
}
