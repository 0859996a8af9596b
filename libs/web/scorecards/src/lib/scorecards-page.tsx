import { useState } from 'react';
import {
  App,
  Breadcrumb,
  Button,
  Card,
  Col,
  Drawer,
  Row,
  Select,
  Space,
  Spin,
  Switch,
  Tabs,
} from 'antd';
import { FileExcelOutlined, FileWordOutlined, SettingOutlined } from '@ant-design/icons';
import { downloadFile, errorMessage } from '@sunshine/web/graphql';
import {
  EmptyState,
  ErrorState,
  LoadingState,
  PageHeader,
  ReminderLetterButton,
  reminderLetterPath,
  type RegionMapKind,
} from '@sunshine/web/ui';
import { AdjustmentForm } from './components/adjustment-form';
import { BreakdownContent, BreakdownDrawer } from './components/breakdown-drawer';
import { ChangeCard, LowestCard, RankingCard, TrendCard } from './components/charts-cards';
import { KpiCards } from './components/kpi-cards';
import { MapCard } from './components/map-card';
import { PublishButton } from './components/publish-button';
import { RankingTable } from './components/ranking-table';
import { RubricEditor } from './components/rubric-editor';
import { scorecardFilePath } from './scorecard-files';
import { useScorecards } from './use-scorecards';

const QUARTERS = [
  { value: 1, label: '第一季度' },
  { value: 2, label: '上半年' },
  { value: 3, label: '前三季度' },
  { value: 0, label: '全年' },
];
const TOP_HEIGHT = 380;

/** 考评: KPI cards, the map coloured by score, the ranking, trend, change, the lowest three. */
export function ScorecardsPage() {
  const s = useScorecards();
  const [adminOpen, setAdminOpen] = useState(false);
  const { message } = App.useApp();
  const sc = s.scorecard;
  if (!sc && (s.loading || !s.year)) return <LoadingState />;
  if (s.error && !sc) return <ErrorState message={errorMessage(s.error)} onRetry={s.refetch} />;
  if (!sc || !s.year) return <LoadingState />;
  const year = s.year;

  const ownLine = sc.rows.length === 1 && sc.rows[0]?.organization.id === sc.organization.id;
  const isProvince = sc.organization.code.length <= 2;
  const counties = s.allCounties && isProvince;
  const rows = counties ? (s.counties?.rows ?? []) : sc.rows;
  const mapKind: RegionMapKind = !isProvince
    ? { level: 'counties', cityCode: sc.organization.code }
    : counties
      ? { level: 'counties' }
      : { level: 'cities' };
  const unit = counties ? '全省县区' : isProvince ? '各市' : '各县（市、区）';
  // A city opens its counties' ranking; a county (or the province-wide county list) its breakdown.
  const open = (id: string) => {
    const row = rows.find((r) => r.organization.id === id);
    if (!counties && row?.organization.level === 'CITY') s.drillTo(id);
    else s.openBureau(id);
  };
  const download = (kind: 'bulletin.docx' | 'scorecard.xlsx') =>
    void downloadFile(
      scorecardFilePath(kind, year, s.quarter, sc.organization.id),
      kind === 'bulletin.docx' ? '考评通报.docx' : '考评结果.xlsx',
    ).catch((e: unknown) => message.error(errorMessage(e)));

  const periodPicker = (
    <Space>
      <Select
        aria-label="年度"
        value={year}
        style={{ width: 100 }}
        onChange={(y) => s.setPeriod(y, s.quarter)}
        options={s.yearOptions.map((y) => ({ value: y, label: `${y}年` }))}
      />
      <Select
        aria-label="期间"
        value={s.quarter ?? 0}
        style={{ width: 110 }}
        onChange={(q) => s.setPeriod(year, q === 0 ? null : q)}
        options={QUARTERS}
      />
    </Space>
  );

  if (ownLine) {
    // A bureau sees its own score, grade, rank and breakdown only.
    return (
      <>
        <PageHeader
          title="考评"
          description={`${sc.organization.name} · 本单位得分`}
          extra={periodPicker}
        />
        <OwnScore state={s} />
      </>
    );
  }

  const breadcrumb =
    s.path.length > 1 ? (
      <Breadcrumb
        items={s.path.map((p, i) => ({
          title:
            i < s.path.length - 1 ? (
              <a
                onClick={(e) => {
                  e.preventDefault();
                  s.drillTo(p.id);
                }}
              >
                {p.name}
              </a>
            ) : (
              p.name
            ),
        }))}
      />
    ) : null;

  return (
    <>
      <PageHeader
        title="考评"
        description={`${sc.organization.name} · ${unit}单位考评${sc.assessor ? ` · 考评单位：${sc.assessor.name}` : ''}`}
        breadcrumb={breadcrumb}
        extra={
          <Space wrap>
            {periodPicker}
            {isProvince ? (
              <Space size={4}>
                <Switch
                  size="small"
                  checked={counties}
                  onChange={s.setAllCounties}
                  aria-label="全省县区排名"
                />
                <span>全省县区</span>
              </Space>
            ) : null}
            {s.downloads && !counties ? (
              <>
                <Button icon={<FileWordOutlined />} onClick={() => download('bulletin.docx')}>
                  通报
                </Button>
                <Button icon={<FileExcelOutlined />} onClick={() => download('scorecard.xlsx')}>
                  Excel
                </Button>
              </>
            ) : null}
            {s.isAdmin && !counties && sc.assessor?.id === s.ownOrg?.id ? (
              <>
                <PublishButton
                  year={year}
                  quarter={s.quarter}
                  organizationId={sc.organization.id}
                  published={!!sc.publication}
                  onPublished={s.refetch}
                />
                <Button icon={<SettingOutlined />} onClick={() => setAdminOpen(true)}>
                  细则与加减分
                </Button>
              </>
            ) : null}
          </Space>
        }
      />
      <Spin spinning={s.refreshing || (counties && !s.counties?.rows && !s.counties?.error)}>
        <KpiCards scorecard={sc} />
        {rows.length === 0 ? (
          <Card>
            <EmptyState title="暂无考评结果" />
          </Card>
        ) : (
          <>
            <Row gutter={16} style={{ marginBottom: 16 }}>
              <Col xs={24} xl={13}>
                <MapCard
                  title={`${unit}得分地图`}
                  kind={mapKind}
                  rows={rows}
                  height={TOP_HEIGHT - 40}
                  onRegion={open}
                  selectedId={s.bureauId}
                />
              </Col>
              <Col xs={24} xl={11}>
                <RankingCard
                  title={`${unit}排名`}
                  rows={rows}
                  average={counties ? null : sc.average}
                  maxScore={sc.maxScore}
                  height={TOP_HEIGHT}
                  onOpen={open}
                />
              </Col>
            </Row>
            <Row gutter={16} style={{ marginBottom: 16 }}>
              <Col xs={24} xl={8}>
                <TrendCard
                  trend={s.trend}
                  bureauName={
                    sc.rows.find((r) => r.organization.id === s.bureauId)?.organization.name ?? null
                  }
                />
              </Col>
              <Col xs={24} xl={8}>
                <ChangeCard
                  rows={rows}
                  mostImproved={counties ? [] : sc.mostImproved}
                  onOpen={open}
                />
              </Col>
              <Col xs={24} xl={8}>
                <LowestCard rows={rows} onOpen={open} />
              </Col>
            </Row>
            <RankingTable
              title={`${unit}考评结果`}
              rows={rows}
              onOpen={(r) => open(r.organization.id)}
              action={
                s.downloads
                  ? (r) =>
                      r.grade === 'FAIL' || r.vetoed ? (
                        <ReminderLetterButton
                          organizationName={r.organization.name}
                          describeError={errorMessage}
                          download={() =>
                            downloadFile(
                              reminderLetterPath(r.organization.id, { year, quarter: s.quarter }),
                              `${r.organization.name}催办函.docx`,
                            )
                          }
                        />
                      ) : null
                  : undefined
              }
            />
          </>
        )}
      </Spin>
      <BreakdownDrawer
        open={!!s.bureauId}
        breakdown={s.breakdown}
        loading={s.breakdownLoading && !s.breakdown}
        error={s.breakdownError}
        onClose={() => s.openBureau(null)}
      />
      <Drawer
        open={adminOpen}
        onClose={() => setAdminOpen(false)}
        width={820}
        title={`${year}年度考评细则与加减分`}
        destroyOnHidden
      >
        <Tabs
          items={[
            {
              key: 'rubric',
              label: '考评细则',
              children: <RubricEditor year={year} onSaved={s.refetch} />,
            },
            {
              key: 'adjust',
              label: '加减分与否决',
              children: (
                <AdjustmentForm
                  year={year}
                  quarter={s.quarter}
                  bureaus={sc.rows.map((r) => r.organization)}
                  onSaved={s.refetch}
                />
              ),
            },
          ]}
        />
      </Drawer>
    </>
  );
}

/** A bureau's own page: its score, grade, rank among its peers and breakdown. */
function OwnScore({ state }: { state: ReturnType<typeof useScorecards> }) {
  if (state.breakdownError && !state.breakdown)
    return <ErrorState message={errorMessage(state.breakdownError)} />;
  if (!state.breakdown) return <LoadingState />;
  return (
    <Card>
      <BreakdownContent breakdown={state.breakdown} />
    </Card>
  );
}
