import {
  AWAITING_ACCEPTANCE,
  awaitsAcceptanceBy,
  nextReminderAllowedAt,
  REMINDER_INTERVAL_HOURS,
} from '../acceptance';
import {
  availableActions,
  isVisibleAbove,
  ProgressAction,
  ReportStatus,
  transition,
  type ProgressWorkflowState,
} from '../progress-workflow';
import { Role } from '../roles';

const approved: ProgressWorkflowState = {
  status: ReportStatus.APPROVED,
  submittedBy: 'e',
  approvedBy: 'r',
  acceptedBy: null,
  returned: null,
};

describe('acceptance belongs to the direct overseer', () => {
  const province = { userId: 'p', roles: [Role.ADMIN], relation: 'ANCESTOR' as const };

  it.each([ProgressAction.ACCEPT, ProgressAction.RETURN])(
    'refuses %s by an organisation above the parent, with its own code',
    (action) => {
      const r = transition(approved, action, province, { comment: '请补充' });
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.code).toBe('NOT_DIRECT_OVERSEER');
      expect(r.message).toContain('直接上级单位');
    },
  );

  it('offers an ancestor no action, and the parent accept and return', () => {
    expect(availableActions(approved, province)).toEqual([]);
    expect(availableActions(approved, { ...province, relation: 'OVERSEER' })).toEqual([
      ProgressAction.ACCEPT,
      ProgressAction.RETURN,
    ]);
  });

  it('counts as 待验收 only an approved report of a direct subordinate', () => {
    expect(AWAITING_ACCEPTANCE.label).toBe('待验收');
    const city = 'city';
    expect(
      awaitsAcceptanceBy({ status: ReportStatus.APPROVED, organizationParentId: city }, city),
    ).toBe(true);
    expect(
      awaitsAcceptanceBy({ status: ReportStatus.SUBMITTED, organizationParentId: city }, city),
    ).toBe(false);
    expect(
      awaitsAcceptanceBy({ status: ReportStatus.APPROVED, organizationParentId: 'other' }, city),
    ).toBe(false);
  });
});

describe('visibility above the bureau', () => {
  it('hides a draft never submitted and shows everything from submission on', () => {
    expect(isVisibleAbove({ status: ReportStatus.DRAFT, returned: null })).toBe(false);
    expect(
      isVisibleAbove({
        status: ReportStatus.DRAFT,
        returned: { stage: 'OVERSEER', userId: 'p', reason: '补充' },
      }),
    ).toBe(true);
    for (const s of [ReportStatus.SUBMITTED, ReportStatus.APPROVED, ReportStatus.ACCEPTED])
      expect(isVisibleAbove({ status: s, returned: null })).toBe(true);
  });
});

describe('催办 interval', () => {
  const sent = new Date('2025-05-20T02:00:00Z');
  it('allows a first 催办 and one after the interval, refuses one before', () => {
    expect(nextReminderAllowedAt(null, sent)).toBeNull();
    const soon = new Date(sent.getTime() + 3_600_000);
    expect(nextReminderAllowedAt(sent, soon)?.toISOString()).toBe('2025-05-21T02:00:00.000Z');
    const later = new Date(sent.getTime() + REMINDER_INTERVAL_HOURS * 3_600_000);
    expect(nextReminderAllowedAt(sent, later)).toBeNull();
  });
});
