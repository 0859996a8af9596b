import type { ReactNode } from 'react';
import { SunOutlined } from '@ant-design/icons';
import { BRAND_BLUE, PRODUCT_NAME, PRODUCT_TAGLINE } from '@sunshine/web/ui';

/** Deployment owner shown with the product name. */
export const OWNER = '安徽省审计厅';

const PRINCIPLES = [
  '任务分解到单位，进展按季报送',
  '先审查、后公开，全程留痕',
  '分级督导，问题整改闭环',
];

/**
 * Split screen for the sign-in pages: a calm brand panel on the left, the form on the right.
 * Plain elements only: this is on the first page most users load.
 */
export function AuthFrame({ children, width = 380 }: { children: ReactNode; width?: number }) {
  return (
    <div style={{ display: 'flex', minHeight: '100vh', background: '#f3f5f8' }}>
      <div
        className="sunshine-auth-brand"
        style={{
          flex: '0 0 52%',
          display: 'flex',
          flexDirection: 'column',
          justifyContent: 'space-between',
          padding: '48px 56px',
          color: '#fff',
          background: `radial-gradient(circle at 85% 12%, rgba(245,183,0,0.16), transparent 36%), linear-gradient(160deg, #0f2a4a 0%, ${BRAND_BLUE} 100%)`,
        }}
      >
        <div style={{ display: 'flex', alignItems: 'center', gap: 10 }}>
          <SunOutlined style={{ fontSize: 24, color: '#f5b700' }} aria-hidden />
          <span style={{ fontSize: 16, letterSpacing: 2, opacity: 0.9 }}>{OWNER}</span>
        </div>
        <div>
          <div style={{ fontSize: 40, fontWeight: 600, letterSpacing: 6 }}>{PRODUCT_NAME}</div>
          <div style={{ marginTop: 10, fontSize: 20, letterSpacing: 2, opacity: 0.92 }}>
            {PRODUCT_TAGLINE}
          </div>
          <ul
            style={{
              margin: '36px 0 0',
              padding: 0,
              listStyle: 'none',
              opacity: 0.85,
              lineHeight: 2.2,
            }}
          >
            {PRINCIPLES.map((p) => (
              <li key={p}>
                <span style={{ display: 'inline-block', width: 18, color: '#f5b700' }}>·</span>
                {p}
              </li>
            ))}
          </ul>
        </div>
        <span style={{ fontSize: 12, opacity: 0.6 }}>
          全省审计机关政务公开工作督导平台 · 内部业务系统
        </span>
      </div>
      <main
        style={{
          flex: 1,
          display: 'flex',
          flexDirection: 'column',
          alignItems: 'center',
          justifyContent: 'center',
          padding: '32px 24px',
        }}
      >
        <div style={{ width: '100%', maxWidth: width }}>{children}</div>
        <div
          style={{ marginTop: 40, fontSize: 12, color: 'rgba(0,0,0,0.45)', textAlign: 'center' }}
        >
          建议使用 Chrome、Edge 或 360 安全浏览器（极速模式）访问
        </div>
      </main>
    </div>
  );
}

/** Page title and one line below it, in the form column. */
export function AuthHeading({ title, subtitle }: { title: ReactNode; subtitle?: ReactNode }) {
  return (
    <div style={{ marginBottom: 24 }}>
      <h1 style={{ margin: 0, fontSize: 22, fontWeight: 600, color: 'rgba(0,0,0,0.88)' }}>
        {title}
      </h1>
      {subtitle ? <div style={{ marginTop: 6, color: 'rgba(0,0,0,0.5)' }}>{subtitle}</div> : null}
    </div>
  );
}
