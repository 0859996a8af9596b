import { useState } from 'react';
import { App, Breadcrumb, Button, Select, Spin } from 'antd';
import { DownloadOutlined, FileWordOutlined, PlusOutlined } from '@ant-design/icons';
import { downloadFile, errorMessage } from '@sunshine/web/graphql';
import { ErrorState, LoadingState, PageHeader, reminderLetterPath } from '@sunshine/web/ui';
import { CoverageSection } from './components/coverage-section';
import { SessionDrawer } from './components/session-drawer';
import { SessionFormModal } from './components/session-form-modal';
import { SessionsCard } from './components/sessions-card';
import { coverageExportPath, inQuarter, periodText, QUARTER_OPTIONS } from './trainings-model';
import { useTrainings } from './use-trainings';

/** 培训: coverage of the year (who sent nobody, hours per city) and the sessions with their people. */
export function TrainingsPage() {
  const t = useTrainings();
  const { message } = App.useApp();
  const [openId, setOpenId] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const c = t.coverage;

  // The path from the user's organisation down to the one drilled into.
  const byId = new Map(t.organizations.map((o) => [o.id, o]));
  const path: Array<{ id: string; name: string }> = [];
  for (let id = t.orgId; id;) {
    const o = byId.get(id);
    if (!o) break;
    path.unshift({ id: o.id, name: o.name });
    if (o.id === t.user?.organization.id) break;
    id = o.parentId ?? null;
  }
  const units = t.organizations.filter((o) => o.id !== undefined);

  if (t.coverageError && !c) {
    return <ErrorState message={errorMessage(t.coverageError)} onRetry={t.refetch} />;
  }
  if (!c || !t.year) return <LoadingState />;

  return (
    <>
      <PageHeader
        title="培训"
        breadcrumb={
          path.length > 1 ? (
            <Breadcrumb
              items={path.map((o, i) =>
                i === path.length - 1
                  ? { key: o.id, title: o.name }
                  : {
                      key: o.id,
                      title: (
                        <a
                          href="#"
                          onClick={(e) => {
                            e.preventDefault();
                            t.drillTo(i === 0 ? null : o.id);
                          }}
                        >
                          {o.name}
                        </a>
                      ),
                    },
              )}
            />
          ) : undefined
        }
        description={`${c.organization.name}${c.rows.length > 0 ? '及下级单位' : ''} · ${periodText(t.year, t.quarter)}培训覆盖情况`}
        extra={
          <>
            {t.coverageLoading ? <Spin size="small" /> : null}
            <Select
              aria-label="年度"
              value={t.year}
              style={{ width: 110 }}
              options={t.yearOptions.map((y) => ({ value: y, label: `${y}年` }))}
              onChange={t.setYear}
            />
            <Select
              aria-label="季度"
              value={t.quarter ?? 0}
              style={{ width: 100 }}
              options={QUARTER_OPTIONS}
              onChange={(q: number) => t.setQuarter(q === 0 ? null : q)}
            />
            {t.user?.roles.includes('ADMIN') &&
            ['CITY', 'COUNTY'].includes(t.user.organization.level) ? (
              <Button
                icon={<FileWordOutlined />}
                onClick={() =>
                  void downloadFile(
                    `/files/trainings/bureaus/${t.user!.organization.id}/certificate.docx?year=${t.year}`,
                    `${t.user!.organization.name}-${t.year}年培训学时证明.docx`,
                  ).catch((e: unknown) => message.error(errorMessage(e)))
                }
              >
                本单位学时证明
              </Button>
            ) : null}
            <Button
              icon={<DownloadOutlined />}
              onClick={() =>
                void downloadFile(
                  coverageExportPath(t.year!, t.quarter, t.orgId),
                  `${c.organization.name}${periodText(t.year!, t.quarter)}培训覆盖情况.xlsx`,
                ).catch((e: unknown) => message.error(errorMessage(e)))
              }
            >
              导出覆盖表
            </Button>
            {t.canOrganise ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                新建培训班
              </Button>
            ) : null}
          </>
        }
      />
      <CoverageSection
        coverage={c}
        onDrill={(id) => t.drillTo(id)}
        onLetter={
          t.user?.roles.some((r) => r === 'ADMIN' || r === 'LEADER')
            ? (org) =>
                downloadFile(
                  reminderLetterPath(org.id, t.year ? { year: t.year } : undefined),
                  `${org.name}催办函.docx`,
                )
            : undefined
        }
      />
      <SessionsCard
        sessions={inQuarter(t.sessions, t.quarter)}
        loading={t.sessionsLoading}
        onOpen={setOpenId}
      />
      <SessionDrawer
        sessionId={openId}
        user={t.user}
        units={units}
        onClose={() => setOpenId(null)}
        onChanged={t.refetch}
      />
      {t.user ? (
        <SessionFormModal
          open={creating}
          onClose={() => setCreating(false)}
          organizations={t.organizations}
          ownOrgId={t.user.organization.id}
          external={t.user.roles.includes('ASSESSOR')}
          onCreated={(id) => {
            setCreating(false);
            t.refetch();
            setOpenId(id);
          }}
        />
      ) : null}
    </>
  );
}
