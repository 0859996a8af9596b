import { useMemo, useState, type ReactNode } from 'react';
import {
  App,
  Avatar,
  Badge,
  Button,
  Flex,
  Layout,
  Menu,
  Tooltip,
  Typography,
  type MenuProps,
} from 'antd';
import {
  LockOutlined,
  SafetyOutlined,
  LogoutOutlined,
  MenuFoldOutlined,
  MenuUnfoldOutlined,
  SunOutlined,
} from '@ant-design/icons';
import { PRODUCT_NAME } from './theme';

export interface NavItem {
  /** Route path; also the menu key. */
  key: string;
  label: string;
  icon?: ReactNode;
  /** A count of waiting work shown beside the label (hidden when 0). */
  badge?: number;
  children?: NavItem[];
}

export interface AppLayoutUser {
  displayName: string;
  organizationName: string;
  /** Chinese role names, shown in the tooltip on the user's name. */
  roleLabels?: string[];
}

export interface AppLayoutProps {
  navItems: NavItem[];
  selectedKey: string;
  onNavigate: (key: string) => void;
  user: AppLayoutUser;
  onLogout: () => void;
  /** Shows a 修改密码 button in the header. */
  onChangePassword?: () => void;
  /** Shows a 账户安全 button (second factor, devices signed in) in the header. */
  onAccountSecurity?: () => void;
  loggingOut?: boolean;
  /** Slot in the header before the user's name (e.g. the notification bell). */
  headerExtra?: ReactNode;
  children: ReactNode;
}

type MenuItem = Required<MenuProps>['items'][number];

function menuLabel(item: NavItem): ReactNode {
  if (!item.badge) return item.label;
  return (
    <Flex align="center" justify="space-between" gap={8}>
      <span>{item.label}</span>
      <Badge
        count={item.badge}
        overflowCount={999}
        size="small"
        aria-label={`${item.badge} 项待办`}
        style={{ boxShadow: 'none' }}
      />
    </Flex>
  );
}

function toMenuItems(items: NavItem[]): MenuItem[] {
  return items.map((item) =>
    item.children
      ? { key: item.key, label: item.label, icon: item.icon, children: toMenuItems(item.children) }
      : { key: item.key, label: menuLabel(item), icon: item.icon },
  );
}

function parentKeys(items: NavItem[], key: string, trail: string[] = []): string[] {
  for (const item of items) {
    if (item.key === key) return trail;
    if (item.children) {
      const found = parentKeys(item.children, key, [...trail, item.key]);
      if (found.length > 0) return found;
    }
  }
  return [];
}

const SIDER_WIDTH = 208;

/** Ant Design Pro-like shell: dark side menu with the product name, white header with the user. */
/** The top bar's stacking order (see its style). */
const HEADER_Z_INDEX = 100;

export function AppLayout({
  navItems,
  selectedKey,
  onNavigate,
  user,
  onLogout,
  onChangePassword,
  onAccountSecurity,
  loggingOut,
  headerExtra,
  children,
}: AppLayoutProps) {
  const [collapsed, setCollapsed] = useState(false);
  const menuItems = useMemo(() => toMenuItems(navItems), [navItems]);
  const defaultOpenKeys = useMemo(() => parentKeys(navItems, selectedKey), [navItems, selectedKey]);

  // antd's App (message, modal, notification hooks) lives here, not at the root, so the sign-in
  // page does not load it.
  return (
    <App component={false}>
      <Layout style={{ minHeight: '100vh' }}>
        <Layout.Sider
          className="sunshine-sider"
          width={SIDER_WIDTH}
          collapsedWidth={64}
          collapsed={collapsed}
          trigger={null}
          style={{ position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }}
        >
          <Flex
            align="center"
            gap={10}
            style={{
              height: 56,
              padding: collapsed ? '0 21px' : '0 20px',
              borderBottom: '1px solid rgba(255,255,255,0.08)',
              overflow: 'hidden',
              whiteSpace: 'nowrap',
            }}
          >
            <SunOutlined style={{ fontSize: 22, color: '#f5b700' }} aria-hidden />
            {collapsed ? null : (
              <Typography.Text strong style={{ color: '#fff', fontSize: 18, letterSpacing: 2 }}>
                {PRODUCT_NAME}
              </Typography.Text>
            )}
          </Flex>
          <Menu
            theme="dark"
            mode="inline"
            items={menuItems}
            selectedKeys={[selectedKey]}
            defaultOpenKeys={defaultOpenKeys}
            onClick={({ key }) => onNavigate(key)}
            style={{ borderInlineEnd: 0, paddingTop: 8 }}
          />
        </Layout.Sider>
        <Layout>
          <Layout.Header
            className="sunshine-header"
            style={{
              position: 'sticky',
              top: 0,
              // Above everything a page scrolls under it (tables' fixed columns and sticky
              // headers included), below antd's popups, drawers and dialogs (1000+).
              zIndex: HEADER_Z_INDEX,
              display: 'flex',
              alignItems: 'center',
              justifyContent: 'space-between',
              boxShadow: '0 1px 4px rgba(0, 21, 41, 0.08)',
            }}
          >
            <Button
              type="text"
              aria-label={collapsed ? '展开菜单' : '收起菜单'}
              icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
              onClick={() => setCollapsed((c) => !c)}
            />
            <Flex align="center" gap={16}>
              {headerExtra}
              <Typography.Text type="secondary" ellipsis style={{ maxWidth: 280 }}>
                {user.organizationName}
              </Typography.Text>
              <Tooltip
                title={user.roleLabels?.length ? `角色：${user.roleLabels.join('、')}` : undefined}
              >
                <Flex align="center" gap={8}>
                  <Avatar size="small" style={{ backgroundColor: '#1d4f91' }}>
                    {user.displayName.slice(0, 1)}
                  </Avatar>
                  <Typography.Text>{user.displayName}</Typography.Text>
                </Flex>
              </Tooltip>
              {onAccountSecurity ? (
                <Button type="text" icon={<SafetyOutlined />} onClick={onAccountSecurity}>
                  账户安全
                </Button>
              ) : null}
              {onChangePassword ? (
                <Button type="text" icon={<LockOutlined />} onClick={onChangePassword}>
                  修改密码
                </Button>
              ) : null}
              <Button type="text" icon={<LogoutOutlined />} loading={loggingOut} onClick={onLogout}>
                退出登录
              </Button>
            </Flex>
          </Layout.Header>
          <Layout.Content style={{ padding: 20, minWidth: 0 }}>{children}</Layout.Content>
        </Layout>
      </Layout>
    </App>
  );
}
