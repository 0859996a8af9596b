jest.mock('@sunshine/web/ui', () => ({
  ...jest.requireActual('../../../ui/src/lib/tree'),
  ...jest.requireActual('../../../ui/src/lib/format'),
  ...jest.requireActual('../../../ui/src/lib/escape-html'),
}));

import { rankingChartOption } from '../lib/charts/ranking-option';

/** Issue 7, item 13: names in the ranking chart's HTML tooltip are text, never markup. */
describe('chart tooltips escape what they show', () => {
  it('an organisation named <img src=x onerror=alert(1)> comes out escaped', () => {
    const name = '<img src=x onerror=alert(1)>';
    const { option } = rankingChartOption(
      [{ id: 'x', name, completionRate: 0.5, reportingRate: 0.5, completed: 1, due: 2 }],
      0.5,
    );
    const tooltip = option.tooltip as { formatter: (params: unknown) => string };
    const html = tooltip.formatter([{ dataIndex: 0 }]);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toMatch(/<img/i);
    expect(html.replace(/<\/?(strong|br\/)>/g, '')).not.toMatch(/[<>]/);
  });
});
