import { App, Alert, Button, Space, Tag } from 'antd';
import { ArrowLeftOutlined, DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@apollo/client/react';
import { useNavigate, useParams } from 'react-router';
import { AnnualReportPrintDocument, downloadFile, errorMessage } from '@sunshine/web/graphql';
import { ErrorState, formatDate, LoadingState } from '@sunshine/web/ui';
import {
  ANNUAL_REPORT_SECTION_TITLES,
  ANNUAL_REPORT_STATUS_LABELS,
  annualReportFormat,
  annualTableLayouts,
  type AnnualReportStatus,
} from '@sunshine/shared/domain';
import { LAYOUT_TABLE_CSS, LayoutTable } from './layout-table';
import { cellMap } from './statistics-model';

/** A4 portrait with the GB/T 9704 margins; the app's chrome is hidden when printing. */
const PRINT_CSS = `
.annual-print { background: #fff; max-width: 794px; margin: 0 auto; padding: 56px 64px;
  box-shadow: 0 1px 6px rgba(0,0,0,.12); color: #000; }
.annual-print h1 { font-family: 'FZXiaoBiaoSong-B05S', 'STZhongsong', 'SimSun', serif;
  font-size: 26px; font-weight: 500; text-align: center; line-height: 1.5; margin: 8px 0 28px; }
.annual-print h2 { font-family: 'SimHei', 'Heiti SC', sans-serif; font-size: 18px; font-weight: 500;
  margin: 20px 0 10px; }
.annual-print p { font-family: 'FangSong', 'STFangsong', serif; font-size: 18px; line-height: 1.75;
  text-indent: 2em; margin: 0 0 4px; }
.annual-print .signature { text-align: right; text-indent: 0; margin-top: 32px; }
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
@media print {
  .ant-layout-sider, .ant-layout-header, .no-print { display: none !important; }
  .ant-layout, .ant-layout-content { margin: 0 !important; padding: 0 !important; background: #fff !important; }
  .annual-print { box-shadow: none; padding: 0; max-width: none; }
  .annual-layout-table { page-break-inside: auto; }
  .annual-layout-table tr { page-break-inside: avoid; }
}
`;

function Paragraphs({ text }: { text: string }) {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  return <>{lines.length ? lines.map((l, i) => <p key={i}>{l}</p>) : <p>（未填写）</p>}</>;
}

/** The report as the official form prints it (same layout as the .docx), with print and download. */
export function ReportPreviewPage() {
  const { year: y, organizationId } = useParams();
  const year = Number(y);
  const navigate = useNavigate();
  const { message } = App.useApp();
  const q = useQuery(AnnualReportPrintDocument, {
    variables: { year, organizationId: organizationId ?? null },
    skip: !year || !organizationId,
  });
  if (q.error)
    return <ErrorState message={errorMessage(q.error)} onRetry={() => void q.refetch()} />;
  const r = q.data?.annualReport;
  if (!r) return <LoadingState />;
  const format = annualReportFormat(r.formatVersion);
  const [t2, t3, t4] = annualTableLayouts(format);
  const values = cellMap([...r.table2, ...r.table3, ...r.table4]);
  const flagged = new Set(r.checks.filter((c) => c.severity === 'ERROR').flatMap((c) => c.cells));
  const errors = r.checks.filter((c) => c.severity === 'ERROR').length;
  const [s1, s2, s3, s4, s5, s6] = ANNUAL_REPORT_SECTION_TITLES;
  return (
    <>
      <style>{LAYOUT_TABLE_CSS + PRINT_CSS}</style>
      <div className="no-print" style={{ maxWidth: 794, margin: '0 auto 12px' }}>
        <Space style={{ width: '100%', justifyContent: 'space-between' }}>
          <Space>
            <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)}>
              返回
            </Button>
            <Tag
              color={
                r.status === 'ACCEPTED'
                  ? 'success'
                  : r.status === 'DRAFT'
                    ? 'default'
                    : 'processing'
              }
            >
              {ANNUAL_REPORT_STATUS_LABELS[r.status as AnnualReportStatus] ?? r.status}
            </Tag>
            {r.id === null ? <Tag>尚未填写</Tag> : null}
          </Space>
          <Space>
            <Button
              onClick={() => navigate(`/annual-reports?year=${year}&org=${r.organization.id}`)}
            >
              查看填报页
            </Button>
            <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
              打印
            </Button>
            <Button
              type="primary"
              icon={<DownloadOutlined />}
              disabled={r.id === null}
              onClick={() =>
                downloadFile(
                  `/files/annual-reports/${year}/${r.organization.id}.docx`,
                  `${r.organization.name}${year}年政府信息公开工作年度报告.docx`,
                ).catch((e: unknown) => message.error(errorMessage(e)))
              }
            >
              下载 Word
            </Button>
          </Space>
        </Space>
        {errors > 0 ? (
          <Alert
            style={{ marginTop: 12 }}
            type="error"
            showIcon
            message={`勾稽关系有 ${errors} 处不平（红框标出）`}
            description={r.checks
              .filter((c) => c.severity === 'ERROR')
              .slice(0, 3)
              .map((c) => c.message)
              .join('；')}
          />
        ) : null}
      </div>
      <article className="annual-print" aria-label="年度报告预览">
        <h1>{`${r.organization.name}${year}年政府信息公开工作年度报告`}</h1>
        <h2>{s1}</h2>
        <Paragraphs text={r.sections.overview} />
        <h2>{s2}</h2>
        {t2 ? <LayoutTable layout={t2} values={values} flagged={flagged} /> : null}
        <h2>{s3}</h2>
        {t3 ? <LayoutTable layout={t3} values={values} flagged={flagged} /> : null}
        <h2>{s4}</h2>
        {t4 ? <LayoutTable layout={t4} values={values} flagged={flagged} /> : null}
        <h2>{s5}</h2>
        <Paragraphs text={r.sections.problems} />
        <h2>{s6}</h2>
        <Paragraphs text={r.sections.other} />
        <p className="signature">{r.organization.name}</p>
        {r.submittedAt ? <p className="signature">{formatDate(r.submittedAt)}</p> : null}
      </article>
    </>
  );
}
