import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter, useRouteError } from 'react-router';
import { Button } from 'antd';
import {
  AccountSecurityPage,
  ChangePasswordPage,
  LoginPage,
  RequireAuth,
  RequireRole,
} from '@sunshine/web/auth';
import { AuditLogPage } from '@sunshine/web/audit';
import { HomePage } from '@sunshine/web/organizations';
import { AssessmentsPage } from '@sunshine/web/assessments';
import { PlanDetailPage, PlansPage } from '@sunshine/web/plans';
import { ReportPage, WorklistPage } from '@sunshine/web/reporting';
import { ScorecardsPage } from '@sunshine/web/scorecards';
import { TrainingsPage } from '@sunshine/web/trainings';
import {
  AnnualReportPage,
  AnnualReportPreviewPage,
  AnnualStatisticsPage,
} from '@sunshine/web/annual-reports';
import { UsersPage } from '@sunshine/web/users';
import { ErrorState, LoadingState, StatusPage } from '@sunshine/web/ui';
import {
  BUSINESS_ROLES,
  PLAN_ROLES,
  REPORT_VIEW_ROLES,
  REPORTING_ROLES,
  USER_ADMIN_ROLES,
} from './access';

const Shell = lazy(() => import('./shell').then((m) => ({ default: m.Shell })));
const Landing = lazy(() => import('./landing').then((m) => ({ default: m.Landing })));

function FullPage({ children }: { children: ReactNode }) {
  return <Suspense fallback={<LoadingState fullscreen />}>{children}</Suspense>;
}

/** Failed route (typically a stale chunk after a deployment): offer a reload. */
function RouteError() {
  const error = useRouteError();
  console.error(error);
  return (
    <div style={{ paddingTop: '15vh' }}>
      <ErrorState
        title="页面加载失败"
        message="系统可能已更新，请刷新页面后重试。"
        onRetry={() => window.location.reload()}
      />
    </div>
  );
}

export const router = createBrowserRouter([
  {
    path: '/login',
    errorElement: <RouteError />,
    element: (
      <FullPage>
        <LoginPage />
      </FullPage>
    ),
  },
  {
    path: '/change-password',
    errorElement: <RouteError />,
    element: (
      <RequireAuth>
        <FullPage>
          <ChangePasswordPage />
        </FullPage>
      </RequireAuth>
    ),
  },
  {
    path: '/',
    errorElement: <RouteError />,
    element: (
      <RequireAuth>
        <FullPage>
          <Shell />
        </FullPage>
      </RequireAuth>
    ),
    children: [
      { index: true, element: <Landing /> },
      {
        path: 'reporting',
        element: (
          <RequireRole role={REPORTING_ROLES}>
            <WorklistPage />
          </RequireRole>
        ),
      },
      // Both report routes render the same element tree, so that the first save (which moves
      // from the task's address to the new report's) keeps the page and what the user typed.
      {
        path: 'reporting/reports/:reportId',
        element: (
          <RequireRole role={REPORT_VIEW_ROLES}>
            <ReportPage />
          </RequireRole>
        ),
      },
      {
        path: 'reporting/tasks/:taskId',
        element: (
          <RequireRole role={REPORT_VIEW_ROLES}>
            <ReportPage />
          </RequireRole>
        ),
      },
      {
        path: 'plans',
        element: (
          <RequireRole role={PLAN_ROLES}>
            <PlansPage />
          </RequireRole>
        ),
      },
      {
        path: 'plans/:planId',
        element: (
          <RequireRole role={PLAN_ROLES}>
            <PlanDetailPage />
          </RequireRole>
        ),
      },
      {
        path: 'assessments',
        element: (
          <RequireRole role={BUSINESS_ROLES}>
            <AssessmentsPage />
          </RequireRole>
        ),
      },
      {
        path: 'trainings',
        element: (
          <RequireRole role={BUSINESS_ROLES}>
            <TrainingsPage />
          </RequireRole>
        ),
      },
      {
        path: 'scorecards',
        element: (
          <RequireRole role={BUSINESS_ROLES}>
            <ScorecardsPage />
          </RequireRole>
        ),
      },
      {
        path: 'annual-reports',
        element: (
          <RequireRole role={BUSINESS_ROLES}>
            <AnnualReportPage />
          </RequireRole>
        ),
      },
      { path: 'account/security', element: <AccountSecurityPage /> },
      { path: 'admin/organizations', element: <HomePage title="单位架构" /> },
      {
        path: 'admin/users',
        element: (
          <RequireRole role={USER_ADMIN_ROLES}>
            <UsersPage />
          </RequireRole>
        ),
      },
      {
        path: 'admin/audit',
        element: (
          <RequireRole role="AUDITOR">
            <AuditLogPage />
          </RequireRole>
        ),
      },
      {
        path: 'annual-reports/statistics',
        element: (
          <RequireRole role={BUSINESS_ROLES}>
            <AnnualStatisticsPage />
          </RequireRole>
        ),
      },
      {
        path: 'annual-reports/:year/:organizationId/preview',
        element: (
          <RequireRole role={BUSINESS_ROLES}>
            <AnnualReportPreviewPage />
          </RequireRole>
        ),
      },
      {
        path: '*',
        element: (
          <StatusPage
            kind="not-found"
            action={
              <Button type="primary" href="/">
                返回首页
              </Button>
            }
          />
        ),
      },
    ],
  },
]);
