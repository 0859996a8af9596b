import { Col, Row } from 'antd';
import { ErrorState, LoadingState, PageHeader } from '@sunshine/web/ui';
import { KpiCards } from './components/kpi-cards';
import { OrganizationTreeTable } from './components/organization-tree-table';
import { OwnUnitCard } from './components/own-unit-card';
import { SubordinateList } from './components/subordinate-list';
import { useOrganizationOverview } from './use-organization-overview';

export interface HomePageProps {
  /** 首页 by default; 单位架构 where the page is reached from 系统管理. */
  title?: string;
}

export function HomePage({ title = '首页' }: HomePageProps) {
  const o = useOrganizationOverview();

  const header = (
    <PageHeader
      title={title}
      description={
        o.user
          ? `${o.user.displayName}，您好。数据范围：${o.user.organization.name}${o.summary?.belowTotal === 0 ? '' : '及其下级单位'}。`
          : undefined
      }
    />
  );
  if (o.error && !o.summary) {
    return (
      <>
        {header}
        <ErrorState message={o.error} onRetry={o.retry} />
      </>
    );
  }
  if (o.loading || !o.summary) {
    return (
      <>
        {header}
        <LoadingState tip="正在加载单位数据…" />
      </>
    );
  }
  if (o.summary.belowTotal === 0 && o.summary.self) {
    return (
      <>
        {header}
        <KpiCards summary={o.summary} />
        <OwnUnitCard self={o.summary.self} />
      </>
    );
  }
  // The index beside the tree helps when the tree is deep (subordinates have subordinates).
  const deep = o.summary.directChildren.some((c) => c.descendantCount > 0);
  return (
    <>
      {header}
      <KpiCards summary={o.summary} />
      <Row gutter={16}>
        <Col xs={24} xl={deep ? 16 : 24} style={{ marginBottom: 16 }}>
          <OrganizationTreeTable
            tree={o.tree}
            total={o.total}
            matchCount={o.matchCount}
            searching={o.searching}
            search={o.search}
            onSearch={o.setSearch}
            expandedKeys={o.expandedKeys}
            onExpandedKeysChange={o.setExpandedKeys}
          />
        </Col>
        {deep ? (
          <Col xs={24} xl={8}>
            <SubordinateList items={o.summary.directChildren} onLocate={o.locate} />
          </Col>
        ) : null}
      </Row>
    </>
  );
}
