import { Card, Col, Row, Statistic, Tag, Typography } from 'antd';
import { formatDateTime } from '@sunshine/web/ui';
import { formatScore, gradeCounts } from '../scorecard-model';
import type { ScorecardQuery } from '@sunshine/web/graphql';

type Scorecard = ScorecardQuery['scorecard'];
const BODY = { body: { padding: '14px 20px' } };

/** Average score, grade distribution, vetoed bureaus and whether the results are frozen (定档). */
export function KpiCards({ scorecard }: { scorecard: Scorecard }) {
  const counts = gradeCounts(scorecard.gradeDistribution);
  const p = scorecard.publication;
  return (
    <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
      <Col xs={24} sm={12} xl={6}>
        <Card styles={BODY} style={{ height: '100%' }}>
          <Statistic
            title="平均得分"
            value={formatScore(scorecard.average)}
            suffix={`/ ${scorecard.maxScore}`}
          />
          <Typography.Text type="secondary">参评单位 {scorecard.rows.length} 个</Typography.Text>
        </Card>
      </Col>
      <Col xs={24} sm={12} xl={6}>
        <Card styles={BODY} style={{ height: '100%' }} data-testid="grade-distribution">
          <Typography.Text type="secondary">等次分布</Typography.Text>
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: 6, marginTop: 10 }}>
            {counts.map((c) => (
              <Tag key={c.grade} color={c.color} style={{ marginInlineEnd: 0, fontSize: 13 }}>
                {c.label} {c.count}
              </Tag>
            ))}
          </div>
        </Card>
      </Col>
      <Col xs={24} sm={12} xl={6}>
        <Card styles={BODY} style={{ height: '100%' }}>
          <Statistic
            title="一票否决"
            value={scorecard.vetoedCount}
            suffix="个单位"
            valueStyle={{ color: scorecard.vetoedCount > 0 ? '#d4380d' : undefined }}
          />
          <Typography.Text type="secondary">否决项成立即为不合格</Typography.Text>
        </Card>
      </Col>
      <Col xs={24} sm={12} xl={6}>
        <Card styles={BODY} style={{ height: '100%' }}>
          <Statistic
            title="结果状态"
            value={p ? `已定档（第${p.revision}次）` : '未定档'}
            valueStyle={{ fontSize: 20, color: p ? '#389e0d' : '#d46b08' }}
          />
          <Typography.Text type="secondary">
            {p
              ? `${formatDateTime(p.publishedAt)} · 细则第${p.rubricVersion}版`
              : `实时计算 · 细则${scorecard.rubricVersion > 0 ? `第${scorecard.rubricVersion}版` : '（系统默认）'}`}
          </Typography.Text>
        </Card>
      </Col>
    </Row>
  );
}
