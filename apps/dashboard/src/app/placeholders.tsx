import { AuditOutlined, ReadOutlined, TrophyOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import { ComingSoon } from '@sunshine/web/ui';

export type PlannedFeature = 'assessments' | 'trainings' | 'scorecards';

const FEATURES: Record<
  PlannedFeature,
  { title: string; description: string; highlights: string[]; icon: ReactNode }
> = {
  assessments: {
    title: '第三方测评',
    description: '将导入第三方测评问题清单，跟踪各单位整改、核验与销号。',
    highlights: ['Excel 问题清单导入', '整改措施与佐证', '核验销号', '超期预警'],
    icon: <AuditOutlined />,
  },
  trainings: {
    title: '培训',
    description: '将登记培训班次与各单位参训情况，统计参训覆盖率与学时。',
    highlights: ['培训班登记', '参训人员与学时', '各市覆盖率统计'],
    icon: <ReadOutlined />,
  },
  scorecards: {
    title: '考评',
    description: '将按年度和季度计算各单位考评得分，提供排名、全省地图与逐级下钻。',
    highlights: ['加权评分', '市、县排名', '全省得分地图', '季度趋势'],
    icon: <TrophyOutlined />,
  },
};

/** Designed placeholder for a menu entry whose feature is not built yet. */
export function FeaturePlaceholder({ feature }: { feature: PlannedFeature }) {
  const f = FEATURES[feature];
  return (
    <ComingSoon
      title={f.title}
      description={f.description}
      highlights={f.highlights}
      icon={f.icon}
    />
  );
}
