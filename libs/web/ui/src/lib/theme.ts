import type { ThemeConfig } from 'antd';

/** Calm official palette: a deep government blue, small radii, dense tables for 1366×768 screens. */
export const BRAND_BLUE = '#1d4f91';
export const PRODUCT_NAME = '阳光督导';
export const PRODUCT_TAGLINE = '政务公开督导平台';

/** Height of the app's top bar (AppLayout's sticky header). */
export const HEADER_HEIGHT = 56;

/**
 * `sticky` for tables under the top bar: their header sticks below it, never over it (the bell,
 * the user's name and 退出登录 stay visible while a long table scrolls).
 */
export const STICKY_TABLE_HEADER = { offsetHeader: HEADER_HEIGHT } as const;

export const sunshineTheme: ThemeConfig = {
  token: {
    colorPrimary: BRAND_BLUE,
    borderRadius: 4,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', 'Helvetica Neue', Arial, sans-serif",
    colorBgLayout: '#f0f2f5',
  },
  components: {
    Layout: {
      siderBg: '#0f2a4a',
      headerBg: '#ffffff',
      headerHeight: HEADER_HEIGHT,
      headerPadding: '0 20px',
    },
    Menu: {
      darkItemBg: '#0f2a4a',
      darkSubMenuItemBg: '#0b2039',
      darkItemSelectedBg: BRAND_BLUE,
    },
    Table: { cellPaddingBlockSM: 6 },
  },
};
