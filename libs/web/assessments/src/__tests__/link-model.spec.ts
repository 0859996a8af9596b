jest.mock('@sunshine/web/ui', () => ({
  ...jest.requireActual('../../../ui/src/lib/format'),
}));

import { formatDateTime } from '@sunshine/web/ui';
import {
  issueLinkTooltip,
  linkCheckSummary,
  matchesLinkStates,
  snapshotOf,
  type IssueLink,
} from '../lib/link-model';

function link(over: Partial<IssueLink> = {}): IssueLink {
  return {
    role: 'LOCATION',
    linkId: 'l1',
    organizationId: 'o1',
    url: 'http://a.example/',
    state: 'OK',
    outcome: 'OK',
    statusCode: 200,
    finalUrl: 'http://a.example/',
    responseMs: 120,
    title: '首页',
    checkedAt: '2025-05-20T02:00:00.000Z',
    problem: null,
    sameAsRaised: null,
    ...over,
  };
}

describe('link model', () => {
  it('summarises a check: status code or problem, response time, time', () => {
    const at = formatDateTime('2025-05-20T02:00:00.000Z');
    expect(linkCheckSummary(link())).toBe(`HTTP 200，120 毫秒，检查于 ${at}`);
    expect(
      linkCheckSummary(link({ statusCode: null, responseMs: null, problem: '域名无法解析' })),
    ).toBe(`域名无法解析，检查于 ${at}`);
    expect(linkCheckSummary(link({ checkedAt: null, state: 'PENDING' }))).toBe('尚未检查');
  });

  it('lists an issue’s links worst first in the tooltip', () => {
    const lines = issueLinkTooltip([
      link(),
      link({ role: 'RECTIFICATION', state: 'BROKEN', statusCode: 404, url: 'http://b.example/' }),
    ]);
    expect(lines[0]).toMatch(/^整改链接：失效（HTTP 404/);
    expect(lines[1]).toMatch(/^问题位置：正常/);
  });

  it('filters by link state (none chosen: all; no links: only when none chosen)', () => {
    expect(matchesLinkStates({ state: 'BROKEN' }, [])).toBe(true);
    expect(matchesLinkStates({ state: 'BROKEN' }, ['BROKEN', 'UNCHANGED'])).toBe(true);
    expect(matchesLinkStates({ state: 'OK' }, ['BROKEN'])).toBe(false);
    expect(matchesLinkStates({ state: null }, ['OK'])).toBe(false);
  });

  it('shows the stored snapshot of the same content for a check that kept none', () => {
    const checks = [
      { snapshot: null, contentHash: 'b' },
      { snapshot: '第二版', contentHash: 'b' },
      { snapshot: '第一版', contentHash: 'a' },
      { snapshot: null, contentHash: null },
    ];
    expect(snapshotOf(checks, 0)).toBe('第二版');
    expect(snapshotOf(checks, 2)).toBe('第一版');
    expect(snapshotOf(checks, 3)).toBeNull();
  });
});
