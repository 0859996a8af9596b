import type { OfficialBlock, OfficialDocument } from '@sunshine/api/official-docs';
import {
  ASSESSMENT_ISSUE_STATUS_LABELS,
  ASSESSMENT_ISSUE_TYPES,
  formatDateZh,
  formatQuarterZh,
  makeQuarter,
  type AssessmentIssueStatus,
  type CalendarDate,
} from '@sunshine/shared/domain';

/** A quarterly report not sent by its due date. */
export interface OverdueReport {
  taskNumber: string;
  taskTitle: string;
  year: number;
  quarter: number;
  dueDate: CalendarDate;
}

/** An assessment problem past its rectification deadline and not closed. */
export interface OverdueIssue {
  issueType: string;
  description: string;
  deadline: CalendarDate;
  status: AssessmentIssueStatus;
}

/** The year's training requirement of the bureau's level and what the bureau reached. */
export interface TrainingShortfall {
  /** Null: no requirement is set for the level, and the bureau has trained no one this year. */
  requirement: { minProvinceAttendees: number; minHours: number } | null;
  provinceAttendees: number;
  personHours: number;
}

export interface ReminderLetterFacts {
  /** The bureau written to (主送). */
  bureauName: string;
  /** The overseer writing (署名). */
  issuerName: string;
  year: number;
  quarter: number;
  /** The business day the facts were read (成文日期, and "截至"). */
  today: CalendarDate;
  overdueReports: readonly OverdueReport[];
  overdueIssues: readonly OverdueIssue[];
  /** Null: the requirement is met (or none applies). */
  training: TrainingShortfall | null;
}

/** Days the bureau is given to answer, named in the letter. */
export const REMINDER_ANSWER_WORKING_DAYS = 5;

const CHINESE_ORDINALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

const issueTypeLabel = (type: string): string =>
  (ASSESSMENT_ISSUE_TYPES as Record<string, string>)[type] ?? type;

/** How many of each, for the summary sentence and the audit event. */
export function reminderCounts(facts: ReminderLetterFacts): {
  overdueReports: number;
  overdueIssues: number;
  trainingUnmet: boolean;
} {
  return {
    overdueReports: facts.overdueReports.length,
    overdueIssues: facts.overdueIssues.length,
    trainingUnmet: facts.training !== null,
  };
}

/**
 * The 催办函 as an official document (GB/T 9704 letter form): the overdue quarterly reports, the
 * overdue rectifications and the unmet training requirement, each a numbered part with a table,
 * then the request and the deadline for an answer, the issuer and the date. Parts with nothing
 * overdue are left out; a bureau with nothing overdue gets a letter saying so.
 */
export function reminderLetterDocument(facts: ReminderLetterFacts): OfficialDocument {
  const period = formatQuarterZh(makeQuarter(facts.year, facts.quarter));
  const asOf = formatDateZh(facts.today);
  const parts: Array<{ heading: string; blocks: OfficialBlock[] }> = [];

  if (facts.overdueReports.length > 0) {
    parts.push({
      heading: `逾期未报送的季度工作进展（${facts.overdueReports.length}项）`,
      blocks: [
        {
          kind: 'table',
          header: [['序号', '任务编号', '工作任务', '季度', '报送截止日期']],
          rows: facts.overdueReports.map((r, i) => [
            i + 1,
            r.taskNumber,
            { text: r.taskTitle, align: 'left' },
            formatQuarterZh(makeQuarter(r.year, r.quarter)),
            formatDateZh(r.dueDate),
          ]),
          columnWidths: [0.9, 1.7, 4.7, 2.6, 2.8],
          fontSize: 'small',
        },
      ],
    });
  }
  if (facts.overdueIssues.length > 0) {
    parts.push({
      heading: `逾期未完成整改的第三方评估问题（${facts.overdueIssues.length}个）`,
      blocks: [
        {
          kind: 'table',
          header: [['序号', '问题类型', '问题描述', '整改期限', '当前状态']],
          rows: facts.overdueIssues.map((p, i) => [
            i + 1,
            issueTypeLabel(p.issueType),
            { text: p.description, align: 'left' },
            formatDateZh(p.deadline),
            ASSESSMENT_ISSUE_STATUS_LABELS[p.status],
          ]),
          columnWidths: [1, 2.6, 5, 2.6, 1.8],
          fontSize: 'small',
        },
      ],
    });
  }
  if (facts.training) {
    const t = facts.training;
    const text = t.requirement
      ? `按照${facts.year}年度培训要求，你局应选派不少于${t.requirement.minProvinceAttendees}人参加省级政务公开培训、全年累计培训不少于${t.requirement.minHours}学时；截至${asOf}，你局参加省级培训${t.provinceAttendees}人、累计${t.personHours}学时，尚未达到要求。`
      : `截至${asOf}，你局${facts.year}年度尚未参加政务公开业务培训。`;
    parts.push({
      heading: '年度培训要求未达标',
      blocks: [{ kind: 'paragraph', text }],
    });
  }

  const blocks: OfficialBlock[] = [];
  if (parts.length === 0) {
    blocks.push({
      kind: 'paragraph',
      text: `经核查，截至${asOf}，你局${period}政务公开重点工作任务进展报送、第三方评估问题整改和年度培训均无逾期事项。请继续保持。`,
    });
  } else {
    blocks.push({
      kind: 'paragraph',
      text: `根据${facts.year}年全省审计机关政务公开重点工作任务分工和第三方评估整改要求，经核查，截至${asOf}，你局在${period}及以前仍有以下事项未按期完成：`,
    });
    parts.forEach((part, i) => {
      blocks.push({
        kind: 'heading',
        level: 1,
        text: `${CHINESE_ORDINALS[i] ?? i + 1}、${part.heading}`,
      });
      blocks.push(...part.blocks);
    });
    blocks.push({
      kind: 'paragraph',
      text: `请你局高度重视，对照上述事项逐项落实，于收到本函后${REMINDER_ANSWER_WORKING_DAYS}个工作日内完成补报和整改，并将落实情况通过阳光督导平台报送。逾期未完成的，将在年度考评中予以扣分并在全省通报。`,
    });
    blocks.push({ kind: 'paragraph', text: '特此函告。' });
  }

  return {
    title: `关于督促${facts.bureauName}做好\n政务公开重点工作的函`,
    recipients: `${facts.bureauName}：`,
    blocks,
    issuer: facts.issuerName,
    date: facts.today,
  };
}
