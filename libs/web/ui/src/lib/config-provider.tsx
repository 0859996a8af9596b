import type { ReactNode } from 'react';
import { ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { sunshineTheme } from './theme';

/**
 * Ant Design in Simplified Chinese with the product theme. The dayjs zh-cn locale is set where
 * dates are formatted (format.ts), so the sign-in page does not load dayjs.
 */
export function SunshineConfigProvider({ children }: { children: ReactNode }) {
  return (
    <ConfigProvider locale={zhCN} theme={sunshineTheme}>
      {children}
    </ConfigProvider>
  );
}
