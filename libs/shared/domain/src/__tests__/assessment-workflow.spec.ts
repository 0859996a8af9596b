import {
  answeredLate,
  assessmentRates,
  assessmentTransition,
  ASSESSMENT_ISSUE_STATUSES,
  isAssessmentIssueOverdue,
  type AssessmentAction,
  type AssessmentActor,
} from '../assessment-workflow';

const ACTORS: AssessmentActor[] = ['BUREAU_EDITOR', 'BUREAU_REVIEWER', 'ASSESSOR', 'ROUND_ADMIN'];

describe('assessment rectification state machine', () => {
  it('walks the whole loop to 销号', () => {
    expect(
      assessmentTransition({ status: 'OPEN', action: 'SAVE', actor: 'BUREAU_EDITOR' }),
    ).toEqual({ ok: true, to: 'RECTIFYING' });
    expect(
      assessmentTransition({ status: 'RECTIFYING', action: 'SUBMIT', actor: 'BUREAU_EDITOR' }),
    ).toEqual({ ok: true, to: 'AWAITING_APPROVAL' });
    expect(
      assessmentTransition({
        status: 'AWAITING_APPROVAL',
        action: 'APPROVE',
        actor: 'BUREAU_REVIEWER',
      }),
    ).toEqual({ ok: true, to: 'AWAITING_VERIFICATION' });
    for (const actor of ['ASSESSOR', 'ROUND_ADMIN'] as const)
      expect(
        assessmentTransition({ status: 'AWAITING_VERIFICATION', action: 'VERIFY', actor }),
      ).toEqual({ ok: true, to: 'VERIFIED' });
  });

  it('lets nobody approve their own answer', () => {
    expect(
      assessmentTransition({
        status: 'AWAITING_APPROVAL',
        action: 'APPROVE',
        actor: 'BUREAU_REVIEWER',
        ownSubmission: true,
      }),
    ).toEqual({ ok: false, reason: 'OWN_SUBMISSION' });
  });

  it('needs a reason to return or to dispute', () => {
    for (const action of ['RETURN', 'DISPUTE'] as const)
      expect(
        assessmentTransition({
          status: action === 'RETURN' ? 'AWAITING_VERIFICATION' : 'OPEN',
          action,
          actor: action === 'RETURN' ? 'ASSESSOR' : 'BUREAU_EDITOR',
          reason: '  ',
        }),
      ).toEqual({ ok: false, reason: 'REASON_REQUIRED' });
    expect(
      assessmentTransition({
        status: 'AWAITING_VERIFICATION',
        action: 'RETURN',
        actor: 'ASSESSOR',
        reason: '链接无法打开',
      }),
    ).toEqual({ ok: true, to: 'RETURNED' });
  });

  it('sends an approved dispute to the round ADMIN, who alone decides it', () => {
    expect(
      assessmentTransition({
        status: 'AWAITING_APPROVAL',
        action: 'APPROVE',
        actor: 'BUREAU_REVIEWER',
        dispute: true,
      }),
    ).toEqual({ ok: true, to: 'DISPUTED' });
    expect(
      assessmentTransition({ status: 'DISPUTED', action: 'UPHOLD_DISPUTE', actor: 'ROUND_ADMIN' }),
    ).toEqual({ ok: true, to: 'WITHDRAWN' });
    expect(
      assessmentTransition({ status: 'DISPUTED', action: 'REJECT_DISPUTE', actor: 'ROUND_ADMIN' }),
    ).toEqual({ ok: true, to: 'RETURNED' });
    expect(
      assessmentTransition({ status: 'DISPUTED', action: 'UPHOLD_DISPUTE', actor: 'ASSESSOR' }),
    ).toEqual({ ok: false, reason: 'WRONG_ACTOR' });
  });

  it('reopens a returned problem for the editor', () => {
    expect(
      assessmentTransition({ status: 'RETURNED', action: 'SUBMIT', actor: 'BUREAU_EDITOR' }),
    ).toEqual({ ok: true, to: 'AWAITING_APPROVAL' });
  });

  it('allows exactly the listed (status, action, actor) triples', () => {
    const actions: AssessmentAction[] = [
      'SAVE',
      'SUBMIT',
      'DISPUTE',
      'APPROVE',
      'VERIFY',
      'RETURN',
      'UPHOLD_DISPUTE',
      'REJECT_DISPUTE',
    ];
    const allowed: string[] = [];
    for (const status of ASSESSMENT_ISSUE_STATUSES)
      for (const action of actions)
        for (const actor of ACTORS)
          if (assessmentTransition({ status, action, actor, reason: 'x' }).ok)
            allowed.push(`${status} ${action} ${actor}`);
    expect(allowed.sort()).toEqual(
      [
        'AWAITING_APPROVAL APPROVE BUREAU_REVIEWER',
        'AWAITING_VERIFICATION RETURN ASSESSOR',
        'AWAITING_VERIFICATION RETURN ROUND_ADMIN',
        'AWAITING_VERIFICATION VERIFY ASSESSOR',
        'AWAITING_VERIFICATION VERIFY ROUND_ADMIN',
        'DISPUTED REJECT_DISPUTE ROUND_ADMIN',
        'DISPUTED UPHOLD_DISPUTE ROUND_ADMIN',
        ...['OPEN', 'RECTIFYING', 'RETURNED'].flatMap((s) =>
          ['DISPUTE', 'SAVE', 'SUBMIT'].map((a) => `${s} ${a} BUREAU_EDITOR`),
        ),
      ].sort(),
    );
  });
});

describe('deadlines and rates', () => {
  it('counts overdue only past the deadline and while not closed', () => {
    expect(isAssessmentIssueOverdue('OPEN', '2025-05-10', '2025-05-10')).toBe(false);
    expect(isAssessmentIssueOverdue('OPEN', '2025-05-10', '2025-05-11')).toBe(true);
    expect(isAssessmentIssueOverdue('AWAITING_VERIFICATION', '2025-05-10', '2025-05-11')).toBe(
      true,
    );
    expect(isAssessmentIssueOverdue('VERIFIED', '2025-05-10', '2025-05-11')).toBe(false);
    expect(isAssessmentIssueOverdue('WITHDRAWN', '2025-05-10', '2025-05-11')).toBe(false);
  });

  it('keeps a late answer late for good', () => {
    expect(answeredLate(false, '2025-05-10', '2025-05-10')).toBe(false);
    expect(answeredLate(false, '2025-05-10', '2025-05-11')).toBe(true);
    expect(answeredLate(true, '2025-07-10', '2025-05-11')).toBe(true);
  });

  it('rates against the problems that count', () => {
    expect(assessmentRates({ issues: 0, verified: 0, onTime: 0 })).toEqual({
      rectificationRate: 0,
      onTimeRate: 0,
    });
    expect(assessmentRates({ issues: 4, verified: 3, onTime: 1 })).toEqual({
      rectificationRate: 0.75,
      onTimeRate: 0.25,
    });
  });
});
