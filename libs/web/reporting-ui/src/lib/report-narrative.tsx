import type { ReactNode } from 'react';
import { Typography } from 'antd';

/** The written part of a quarterly report. */
export interface ReportNarrativeFields {
  narrative: string;
  problems: string;
  nextSteps: string;
}

/**
 * How a read-only report's sections are headed: `section` (a drawer: level-5 titles, 20 px
 * apart) or `block` (inside a card: bold labels, 16 px apart).
 */
export type ReportSectionLayout = 'section' | 'block';

export interface ReportSectionProps {
  title: string;
  layout?: ReportSectionLayout;
  children?: ReactNode;
}

/** A titled part of a read-only report (进展情况, 佐证材料, 流转记录 …). */
export function ReportSection({ title, layout = 'section', children }: ReportSectionProps) {
  if (layout === 'block')
    return (
      <div style={{ marginTop: 16 }}>
        <Typography.Text strong style={{ display: 'block', marginBottom: 4 }}>
          {title}
        </Typography.Text>
        {children}
      </div>
    );
  return (
    <section style={{ marginTop: 20 }}>
      <Typography.Title level={5} style={{ fontSize: 14, marginBottom: 8 }}>
        {title}
      </Typography.Title>
      {children}
    </section>
  );
}

/** Free text keeping its line breaks, or a grey placeholder when blank. */
export function ReportText({ value, empty }: { value: string; empty: string }) {
  return value.trim() ? (
    <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
      {value}
    </Typography.Paragraph>
  ) : (
    <Typography.Text type="secondary">{empty}</Typography.Text>
  );
}

/** 进展情况 / 存在问题 / 下步计划 of a report, read-only. */
export function ReportNarrative({
  report,
  layout = 'section',
}: {
  report: ReportNarrativeFields;
  layout?: ReportSectionLayout;
}) {
  return (
    <>
      <ReportSection title="进展情况" layout={layout}>
        <ReportText value={report.narrative} empty="未填写" />
      </ReportSection>
      <ReportSection title="存在问题" layout={layout}>
        <ReportText value={report.problems} empty="无" />
      </ReportSection>
      <ReportSection title="下步计划" layout={layout}>
        <ReportText value={report.nextSteps} empty="未填写" />
      </ReportSection>
    </>
  );
}
