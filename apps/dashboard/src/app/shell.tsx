import { Suspense, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApolloProvider } from '@apollo/client/react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import {
  AuditOutlined,
  BarChartOutlined,
  FileTextOutlined,
  FormOutlined,
  HomeOutlined,
  ProfileOutlined,
  ReadOutlined,
  SettingOutlined,
  TrophyOutlined,
} from '@ant-design/icons';
import {
  ACCOUNT_SECURITY_PATH,
  CHANGE_PASSWORD_PATH,
  SecurityNoticeBanner,
  useAuth,
  useCurrentUser,
} from '@sunshine/web/auth';
import { getApolloClient, primeSessionUser } from '@sunshine/web/graphql';
import { NotificationBell } from '@sunshine/web/notifications';
import { useWorklistCounts, worklistBadge } from '@sunshine/web/reporting';
import { assessmentBadge, useAssessmentMenuCounts } from '@sunshine/web/assessments';
import { AppLayout, LoadingState, roleLabels, useUserActive, type NavItem } from '@sunshine/web/ui';
import { BUSINESS_ROLES } from './access';
import { navigationFor, selectedNavKey, type NavEntry, type NavIcon } from './navigation';

const ICONS: Record<NavIcon, ReactNode> = {
  home: <HomeOutlined />,
  reporting: <FormOutlined />,
  plans: <ProfileOutlined />,
  assessments: <AuditOutlined />,
  trainings: <ReadOutlined />,
  annualReports: <FileTextOutlined />,
  annualStatistics: <BarChartOutlined />,
  scorecards: <TrophyOutlined />,
  admin: <SettingOutlined />,
};

function toNavItems(
  entries: NavEntry[],
  badges: { reporting: number; assessments: number },
): NavItem[] {
  return entries.map((e) => ({
    key: e.key,
    label: e.label,
    icon: e.icon ? ICONS[e.icon] : undefined,
    badge: e.badge ? badges[e.badge] : undefined,
    children: e.children ? toNavItems(e.children, badges) : undefined,
  }));
}

/** Polls the worklist while the user is active (an idle page must let the session time out). */
const IDLE_AFTER_MS = 5 * 60_000;

/** Menu with the worklist badge and the header's notification bell; needs Apollo. */
function SignedInLayout({ children }: { children: ReactNode }) {
  const user = useCurrentUser();
  const { logout } = useAuth();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const [loggingOut, setLoggingOut] = useState(false);
  const active = useUserActive(IDLE_AFTER_MS);
  // The security and audit administrators have no worklist and no notifications (三员分立).
  const business = user.roles.some((r) => BUSINESS_ROLES.includes(r));
  const counts = useWorklistCounts(active, business);
  const badge = worklistBadge(counts, user.roles, user.organization.level);
  const assessmentCounts = useAssessmentMenuCounts(active, business);
  const assessments = assessmentBadge(assessmentCounts);
  const navItems = useMemo(
    () =>
      toNavItems(navigationFor({ roles: user.roles, level: user.organization.level }), {
        reporting: badge,
        assessments,
      }),
    [user.roles, user.organization.level, badge, assessments],
  );
  return (
    <AppLayout
      navItems={navItems}
      selectedKey={selectedNavKey(pathname)}
      onNavigate={(key) => void navigate(key)}
      user={{
        displayName: user.displayName,
        organizationName: user.organization.name,
        roleLabels: roleLabels(user.roles),
      }}
      headerExtra={
        business ? <NotificationBell unread={counts?.unreadNotifications ?? 0} /> : undefined
      }
      loggingOut={loggingOut}
      onChangePassword={() => void navigate(CHANGE_PASSWORD_PATH)}
      onAccountSecurity={() => void navigate(ACCOUNT_SECURITY_PATH)}
      onLogout={() => {
        setLoggingOut(true);
        void logout().finally(() => setLoggingOut(false));
      }}
    >
      {children}
    </AppLayout>
  );
}

/** The signed-in frame: side menu by role, header with the user, pages below. */
export function Shell() {
  const user = useCurrentUser();
  // Seed the cache before the first page renders, and again whenever the session user changes.
  const [client] = useState(() => {
    const created = getApolloClient();
    primeSessionUser(created, user);
    return created;
  });
  useEffect(() => primeSessionUser(client, user), [client, user]);

  return (
    <ApolloProvider client={client}>
      <SignedInLayout>
        <SecurityNoticeBanner />
        <Suspense fallback={<LoadingState />}>
          <Outlet />
        </Suspense>
      </SignedInLayout>
    </ApolloProvider>
  );
}
