import { Alert, Card, Col, Empty, Progress, Row, Statistic, Table, Tag, Typography } from 'antd';
import { errorMessage, type TrainingCoverageQuery } from '@sunshine/web/graphql';
import { EChart, formatPercent, ReminderLetterButton } from '@sunshine/web/ui';
import {
  coverageChartHeight,
  coverageChartOption,
  requirementText,
  shortOrgName,
} from '../trainings-model';

type Coverage = TrainingCoverageQuery['trainingCoverage'];
type Row = Coverage['rows'][number];

/** KPI cards, the chart by subordinate, the untrained bureaus and the table with drill-down. */
export function CoverageSection({
  coverage,
  onDrill,
  onLetter,
}: {
  coverage: Coverage;
  onDrill: (orgId: string) => void;
  /** Downloads the 催办函 of an untrained bureau; absent: the caller writes no letters. */
  onLetter?: (org: { id: string; name: string }) => Promise<void>;
}) {
  const t = coverage.total;
  const items = coverage.rows.map((r) => ({
    id: r.organization.id,
    name: r.organization.name,
    bureaus: r.bureaus,
    bureausTrained: r.bureausTrained,
    trainees: r.trainees,
    personHours: r.personHours,
    coverageRate: r.coverageRate,
  }));
  const { option, ids } = coverageChartOption(items, t.coverageRate);
  const drillable = (r: Row) => r.bureaus > 1;
  return (
    <>
      {coverage.requirements.length > 0 ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          message={`${coverage.year}年度培训要求：${coverage.requirements.map(requirementText).join('；')}`}
        />
      ) : null}
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={24} sm={12} xl={6}>
          <Card styles={{ body: { padding: '14px 20px' } }} style={{ height: '100%' }}>
            <Statistic title="单位覆盖率" value={formatPercent(t.coverageRate)} />
            <Progress percent={Math.round(t.coverageRate * 100)} showInfo={false} size="small" />
            <Typography.Text type="secondary">
              {t.bureausTrained} / {t.bureaus} 个单位有人参训
            </Typography.Text>
          </Card>
        </Col>
        <Col xs={24} sm={12} xl={6}>
          <Card styles={{ body: { padding: '14px 20px' } }} style={{ height: '100%' }}>
            <Statistic title="参训人数" value={t.trainees} suffix="人" />
            <Typography.Text type="secondary">同一人参加多期只计一次</Typography.Text>
          </Card>
        </Col>
        <Col xs={24} sm={12} xl={6}>
          <Card styles={{ body: { padding: '14px 20px' } }} style={{ height: '100%' }}>
            <Statistic title="人次学时" value={t.personHours} />
            <Typography.Text type="secondary">平均每单位 {t.hoursPerBureau} 学时</Typography.Text>
          </Card>
        </Col>
        <Col xs={24} sm={12} xl={6}>
          <Card styles={{ body: { padding: '14px 20px' } }} style={{ height: '100%' }}>
            <Statistic
              title="达到年度要求"
              value={t.bureausMeeting}
              suffix={`/ ${t.bureaus}`}
              valueStyle={{ color: t.meetsRequirement ? '#389e0d' : '#d46b08' }}
            />
            <Typography.Text type="secondary">
              尚无人参训 {coverage.untrainedBureaus.length} 个单位
            </Typography.Text>
          </Card>
        </Col>
      </Row>
      {items.length === 0 ? null : (
        <>
          <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
            <Col xs={24} xl={14}>
              <Card title="各单位参训覆盖率" size="small">
                {items.length > 0 ? (
                  <EChart
                    option={option}
                    height={coverageChartHeight(items.length)}
                    ariaLabel="各下级单位参训覆盖率与人次学时"
                    onItemClick={({ dataIndex }) => {
                      const id = ids[dataIndex];
                      const row = coverage.rows.find((r) => r.organization.id === id);
                      if (id && row && drillable(row)) onDrill(id);
                    }}
                  />
                ) : (
                  <Empty description="没有下级单位" />
                )}
              </Card>
            </Col>
            <Col xs={24} xl={10}>
              <Card
                title={`${coverage.quarter ? '本季度' : '本年'}尚无人参训的单位（${coverage.untrainedBureaus.length}）`}
                size="small"
                styles={{
                  body: { maxHeight: coverageChartHeight(items.length) + 2, overflowY: 'auto' },
                }}
              >
                {coverage.untrainedBureaus.length === 0 ? (
                  <Empty description="所有单位均已有人参训" image={Empty.PRESENTED_IMAGE_SIMPLE} />
                ) : (
                  <div
                    data-testid="untrained-bureaus"
                    style={{ display: 'flex', flexWrap: 'wrap', gap: 6 }}
                  >
                    {coverage.untrainedBureaus.map((o) => (
                      <Tag key={o.id} color="orange" style={{ marginInlineEnd: 0 }}>
                        {o.name}
                        {onLetter ? (
                          <span style={{ marginInlineStart: 6 }}>
                            <ReminderLetterButton
                              organizationName={o.name}
                              download={() => onLetter(o)}
                              describeError={errorMessage}
                            />
                          </span>
                        ) : null}
                      </Tag>
                    ))}
                  </div>
                )}
              </Card>
            </Col>
          </Row>
          <Card title="按单位统计" size="small" style={{ marginBottom: 16 }}>
            <Table<Row>
              size="small"
              rowKey={(r) => r.organization.id}
              dataSource={coverage.rows}
              pagination={false}
              columns={[
                {
                  title: '单位',
                  render: (_, r) =>
                    drillable(r) ? (
                      <a
                        href="#"
                        onClick={(e) => {
                          e.preventDefault();
                          onDrill(r.organization.id);
                        }}
                      >
                        {r.organization.name}
                      </a>
                    ) : (
                      r.organization.name
                    ),
                },
                { title: '单位数', dataIndex: 'bureaus', align: 'right', width: 80 },
                { title: '参训单位', dataIndex: 'bureausTrained', align: 'right', width: 90 },
                {
                  title: '覆盖率',
                  width: 150,
                  sorter: (a, b) => a.coverageRate - b.coverageRate,
                  render: (_, r) => (
                    <Progress
                      percent={Math.round(r.coverageRate * 100)}
                      size="small"
                      status={r.coverageRate < t.coverageRate ? 'exception' : 'normal'}
                      format={(p) => `${p}%`}
                    />
                  ),
                },
                { title: '参训人数', dataIndex: 'trainees', align: 'right', width: 90 },
                {
                  title: '人次学时',
                  dataIndex: 'personHours',
                  align: 'right',
                  width: 90,
                  sorter: (a, b) => a.personHours - b.personHours,
                },
                { title: '每单位学时', dataIndex: 'hoursPerBureau', align: 'right', width: 100 },
                {
                  title: '达到年度要求',
                  width: 120,
                  render: (_, r) => (
                    <Tag
                      color={
                        r.meetsRequirement
                          ? 'success'
                          : r.bureausMeeting > 0
                            ? 'warning'
                            : 'default'
                      }
                    >
                      {r.bureausMeeting} / {r.bureaus}
                    </Tag>
                  ),
                },
              ]}
              locale={{ emptyText: `${shortOrgName(coverage.organization.name)}没有下级单位` }}
            />
          </Card>
        </>
      )}
    </>
  );
}
