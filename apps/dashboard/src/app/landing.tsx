import { Navigate } from 'react-router';
import { useCurrentUser } from '@sunshine/web/auth';
import { HomePage } from '@sunshine/web/organizations';
import { OverviewPage } from '@sunshine/web/overview';
import { landingFor, PATHS } from './navigation';

/**
 * `/`: the completion overview for administrators and leaders of organisations with subordinates,
 * the worklist for bureaus that report, an assessor's rounds and 待复核 queue, the organisation
 * home page for everyone else.
 */
export function Landing() {
  const user = useCurrentUser();
  const landing = landingFor({ roles: user.roles, level: user.organization.level });
  if (landing === 'overview') return <OverviewPage />;
  if (landing === 'reporting') return <Navigate to={PATHS.reporting} replace />;
  if (landing === 'assessments')
    return <Navigate to={`${PATHS.assessments}?view=verification`} replace />;
  return <HomePage />;
}
