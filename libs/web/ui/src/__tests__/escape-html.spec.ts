import { escapeHtml } from '../lib/escape-html';

describe('escapeHtml', () => {
  it('turns markup into text', () => {
    expect(escapeHtml('<img src=x onerror=alert(1)>')).toBe('&lt;img src=x onerror=alert(1)&gt;');
    expect(escapeHtml(`"a" & 'b' \`c\``)).toBe('&quot;a&quot; &amp; &#39;b&#39; &#96;c&#96;');
    expect(escapeHtml('合肥市审计局')).toBe('合肥市审计局');
    expect(escapeHtml(null)).toBe('');
    expect(escapeHtml(12.5)).toBe('12.5');
  });
});
