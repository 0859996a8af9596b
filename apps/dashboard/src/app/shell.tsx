import { Suspense, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApolloProvider } from '@apollo/client/react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import {
  AuditOutlined,
  FormOutlined,
  HomeOutlined,
  ReadOutlined,
  SettingOutlined,
  TrophyOutlined,
} from '@ant-design/icons';
import { CHANGE_PASSWORD_PATH, useAuth, useCurrentUser } from '@sunshine/web/auth';
import { getApolloClient, primeSessionUser } from '@sunshine/web/graphql';
import { AppLayout, LoadingState, roleLabels, type NavItem } from '@sunshine/web/ui';
import { navigationFor, selectedNavKey, type NavEntry, type NavIcon } from './navigation';

const ICONS: Record<NavIcon, ReactNode> = {
  home: <HomeOutlined />,
  reporting: <FormOutlined />,
  assessments: <AuditOutlined />,
  trainings: <ReadOutlined />,
  scorecards: <TrophyOutlined />,
  admin: <SettingOutlined />,
};

function toNavItems(entries: NavEntry[]): NavItem[] {
  return entries.map((e) => ({
    key: e.key,
    label: e.label,
    icon: e.icon ? ICONS[e.icon] : undefined,
    children: e.children ? toNavItems(e.children) : undefined,
  }));
}

/** The signed-in frame: side menu by role, header with the user, pages below. */
export function Shell() {
  const user = useCurrentUser();
  const { logout } = useAuth();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const [loggingOut, setLoggingOut] = useState(false);
  const navItems = useMemo(() => toNavItems(navigationFor(user.roles)), [user.roles]);
  // Seed the cache before the first page renders, and again whenever the session user changes.
  const [client] = useState(() => {
    const created = getApolloClient();
    primeSessionUser(created, user);
    return created;
  });
  useEffect(() => primeSessionUser(client, user), [client, user]);

  return (
    <ApolloProvider client={client}>
      <AppLayout
        navItems={navItems}
        selectedKey={selectedNavKey(pathname)}
        onNavigate={(key) => void navigate(key)}
        user={{
          displayName: user.displayName,
          organizationName: user.organization.name,
          roleLabels: roleLabels(user.roles),
        }}
        loggingOut={loggingOut}
        onChangePassword={() => void navigate(CHANGE_PASSWORD_PATH)}
        onLogout={() => {
          setLoggingOut(true);
          void logout().finally(() => setLoggingOut(false));
        }}
      >
        <Suspense fallback={<LoadingState />}>
          <Outlet />
        </Suspense>
      </AppLayout>
    </ApolloProvider>
  );
}
