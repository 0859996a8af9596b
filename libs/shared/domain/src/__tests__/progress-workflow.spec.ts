import {
  ActorRelation,
  availableActions,
  checkCompletion,
  COMPLETION_STATE_LABEL,
  CompletionState,
  initialWorkflowState,
  isEditable,
  PROGRESS_ACTION_LABEL,
  ProgressAction,
  ProgressWorkflowState,
  REPORT_STATUS_LABEL,
  reportDisplayStatus,
  ReportStatus,
  transition,
  TransitionResult,
  WORKFLOW_COMMENT_MAX_LENGTH,
  WorkflowActor,
} from '../progress-workflow';
import { Role } from '../roles';

const editor: WorkflowActor = { userId: 'u-editor', roles: [Role.EDITOR], relation: 'SAME_ORG' };
const reviewer: WorkflowActor = {
  userId: 'u-reviewer',
  roles: [Role.REVIEWER],
  relation: 'SAME_ORG',
};
const overseer: WorkflowActor = { userId: 'u-province', roles: [Role.ADMIN], relation: 'OVERSEER' };
/** A small bureau where one person both fills in and reviews. */
const editorReviewer: WorkflowActor = {
  userId: 'u-both',
  roles: [Role.EDITOR, Role.REVIEWER],
  relation: 'SAME_ORG',
};

const ALL_ACTIONS = Object.values(ProgressAction);
const ALL_STATUSES = Object.values(ReportStatus);
const RELATIONS: ActorRelation[] = ['SAME_ORG', 'OVERSEER', 'OTHER'];

/** Allowed (from, action) pairs; everything else must be INVALID_TRANSITION for a permitted actor. */
const ALLOWED: Record<ProgressAction, ReportStatus> = {
  [ProgressAction.SAVE]: ReportStatus.DRAFT,
  [ProgressAction.SUBMIT]: ReportStatus.DRAFT,
  [ProgressAction.APPROVE]: ReportStatus.SUBMITTED,
  [ProgressAction.REJECT_BY_REVIEWER]: ReportStatus.SUBMITTED,
  [ProgressAction.ACCEPT]: ReportStatus.APPROVED,
  [ProgressAction.RETURN]: ReportStatus.APPROVED,
};
const PERMITTED: Record<ProgressAction, WorkflowActor> = {
  [ProgressAction.SAVE]: editor,
  [ProgressAction.SUBMIT]: editor,
  [ProgressAction.APPROVE]: reviewer,
  [ProgressAction.REJECT_BY_REVIEWER]: reviewer,
  [ProgressAction.ACCEPT]: overseer,
  [ProgressAction.RETURN]: overseer,
};

function state(
  status: ReportStatus,
  extra: Partial<ProgressWorkflowState> = {},
): ProgressWorkflowState {
  return {
    ...initialWorkflowState(),
    status,
    submittedBy: status === ReportStatus.DRAFT ? null : editor.userId,
    ...extra,
  };
}

function ok<R extends ProgressWorkflowState>(result: TransitionResult<R>): R {
  if (!result.ok) throw new Error(`expected success, got ${result.code}: ${result.message}`);
  return result.next;
}

describe('progress workflow: the happy path', () => {
  it('goes draft → submitted → approved → accepted, recording who did what', () => {
    let report = initialWorkflowState();
    expect(report.status).toBe(ReportStatus.DRAFT);

    report = ok(transition(report, ProgressAction.SAVE, editor));
    expect(report.status).toBe(ReportStatus.DRAFT);

    const submitted = transition(report, ProgressAction.SUBMIT, editor);
    expect(submitted).toEqual({
      ok: true,
      next: { ...report, status: ReportStatus.SUBMITTED, submittedBy: 'u-editor' },
      event: {
        action: ProgressAction.SUBMIT,
        from: ReportStatus.DRAFT,
        to: ReportStatus.SUBMITTED,
        userId: 'u-editor',
        comment: null,
      },
    });
    report = ok(submitted);

    report = ok(transition(report, ProgressAction.APPROVE, reviewer, { comment: ' 同意 ' }));
    expect(report).toMatchObject({ status: ReportStatus.APPROVED, approvedBy: 'u-reviewer' });

    const accepted = transition(report, ProgressAction.ACCEPT, overseer, { comment: '验收通过' });
    expect(accepted.ok && accepted.event.comment).toBe('验收通过');
    report = ok(accepted);
    expect(report).toEqual({
      status: ReportStatus.ACCEPTED,
      submittedBy: 'u-editor',
      approvedBy: 'u-reviewer',
      acceptedBy: 'u-province',
      returned: null,
    });
  });

  it('trims comments and records an empty one as null', () => {
    const result = transition(state(ReportStatus.SUBMITTED), ProgressAction.APPROVE, reviewer, {
      comment: '   ',
    });
    expect(result.ok && result.event.comment).toBeNull();
  });

  it('keeps extra fields of the caller’s report and never mutates the input', () => {
    const report = { ...initialWorkflowState(), id: 'r1', version: 3, narrative: '已完成' };
    const frozen = Object.freeze({ ...report });
    const next = ok(transition(frozen, ProgressAction.SUBMIT, editor));
    expect(next).toMatchObject({ id: 'r1', version: 3, narrative: '已完成', status: 'SUBMITTED' });
    expect(frozen.status).toBe(ReportStatus.DRAFT);
    expect(next).not.toBe(frozen);
  });

  it('lets the city (or the province) accept a county report: every overseer', () => {
    const city: WorkflowActor = {
      userId: 'u-city',
      roles: [Role.ADMIN, Role.LEADER],
      relation: 'OVERSEER',
    };
    expect(transition(state(ReportStatus.APPROVED), ProgressAction.ACCEPT, city).ok).toBe(true);
  });
});

describe('progress workflow: returning', () => {
  it('reviewer sends a submission back to draft with a reason', () => {
    const result = transition(
      state(ReportStatus.SUBMITTED),
      ProgressAction.REJECT_BY_REVIEWER,
      reviewer,
      {
        comment: '佐证材料不全',
      },
    );
    const next = ok(result);
    expect(next).toEqual({
      status: ReportStatus.DRAFT,
      submittedBy: null,
      approvedBy: null,
      acceptedBy: null,
      returned: { stage: 'REVIEWER', userId: 'u-reviewer', reason: '佐证材料不全' },
    });
    expect(result.ok && result.event).toEqual({
      action: ProgressAction.REJECT_BY_REVIEWER,
      from: ReportStatus.SUBMITTED,
      to: ReportStatus.DRAFT,
      userId: 'u-reviewer',
      comment: '佐证材料不全',
    });
    expect(reportDisplayStatus(next)).toBe('RETURNED');
    expect(REPORT_STATUS_LABEL[reportDisplayStatus(next)]).toBe('已退回');
    expect(isEditable(next)).toBe(true);
  });

  it('overseer returns an approved report to draft with a reason', () => {
    const approved = state(ReportStatus.APPROVED, { approvedBy: reviewer.userId });
    const next = ok(
      transition(approved, ProgressAction.RETURN, overseer, { comment: '进展描述过于简单' }),
    );
    expect(next).toEqual({
      status: ReportStatus.DRAFT,
      submittedBy: null,
      approvedBy: null,
      acceptedBy: null,
      returned: { stage: 'OVERSEER', userId: 'u-province', reason: '进展描述过于简单' },
    });
  });

  it('a returned draft can be saved (keeping the reason) and resubmitted (clearing it)', () => {
    let report = ok(
      transition(state(ReportStatus.APPROVED), ProgressAction.RETURN, overseer, {
        comment: '补充材料',
      }),
    );
    report = ok(transition(report, ProgressAction.SAVE, editor));
    expect(report.returned?.reason).toBe('补充材料');
    expect(reportDisplayStatus(report)).toBe('RETURNED');
    report = ok(transition(report, ProgressAction.SUBMIT, editor));
    expect(report.returned).toBeNull();
    expect(reportDisplayStatus(report)).toBe(ReportStatus.SUBMITTED);
    report = ok(transition(report, ProgressAction.APPROVE, reviewer));
    report = ok(transition(report, ProgressAction.ACCEPT, overseer));
    expect(report.status).toBe(ReportStatus.ACCEPTED);
  });

  it.each([ProgressAction.REJECT_BY_REVIEWER, ProgressAction.RETURN])(
    '%s requires a non-blank reason',
    (action) => {
      const from = ALLOWED[action];
      const actor = PERMITTED[action];
      for (const comment of [undefined, null, '', '   ', '\n\t']) {
        expect(transition(state(from), action, actor, { comment })).toEqual({
          ok: false,
          code: 'REASON_REQUIRED',
          message: '退回时必须填写退回原因',
        });
      }
    },
  );

  it('refuses over-long comments', () => {
    const comment = '长'.repeat(WORKFLOW_COMMENT_MAX_LENGTH + 1);
    const result = transition(state(ReportStatus.APPROVED), ProgressAction.RETURN, overseer, {
      comment,
    });
    expect(result.ok || result.code).toBe('COMMENT_TOO_LONG');
    const fits = '长'.repeat(WORKFLOW_COMMENT_MAX_LENGTH);
    expect(
      transition(state(ReportStatus.APPROVED), ProgressAction.RETURN, overseer, { comment: fits })
        .ok,
    ).toBe(true);
  });
});

describe('progress workflow: forbidden transitions', () => {
  it('refuses approval by the user who submitted', () => {
    const submitted = ok(transition(initialWorkflowState(), ProgressAction.SUBMIT, editorReviewer));
    expect(transition(submitted, ProgressAction.APPROVE, editorReviewer)).toEqual({
      ok: false,
      code: 'SELF_APPROVAL',
      message: '不能审核本人提交的季度进展',
    });
    // Another reviewer may approve it; the submitter may still send it back to draft.
    expect(transition(submitted, ProgressAction.APPROVE, reviewer).ok).toBe(true);
    expect(
      transition(submitted, ProgressAction.REJECT_BY_REVIEWER, editorReviewer, {
        comment: '撤回修改',
      }).ok,
    ).toBe(true);
  });

  it('checks self-approval even when the submitter later gained the reviewer role', () => {
    const report = state(ReportStatus.SUBMITTED, { submittedBy: 'u-x' });
    const sameUser: WorkflowActor = { userId: 'u-x', roles: [Role.REVIEWER], relation: 'SAME_ORG' };
    expect(transition(report, ProgressAction.APPROVE, sameUser)).toMatchObject({
      code: 'SELF_APPROVAL',
    });
  });

  describe.each(ALL_ACTIONS)('%s', (action) => {
    const actor = PERMITTED[action];

    it.each(ALL_STATUSES.filter((s) => s !== ALLOWED[action]))(
      'is an invalid transition from %s, even for the right actor',
      (from) => {
        const result = transition(state(from), action, actor, { comment: '原因' });
        expect(result.ok).toBe(false);
        if (!result.ok) {
          expect(result.code).toBe('INVALID_TRANSITION');
          expect(result.message).toBe(
            `季度进展当前状态为“${REPORT_STATUS_LABEL[from]}”，不能${PROGRESS_ACTION_LABEL[action]}`,
          );
        }
      },
    );

    it('is refused to every role set without the required role', () => {
      const others = Object.values(Role).filter((r) => r !== actor.roles[0]);
      for (const role of others) {
        for (const relation of RELATIONS) {
          const result = transition(
            state(ALLOWED[action]),
            action,
            {
              userId: 'u-other',
              roles: [role],
              relation,
            },
            { comment: '原因' },
          );
          expect(result).toMatchObject({ ok: false, code: 'FORBIDDEN_ROLE' });
        }
      }
      const noRoles = transition(
        state(ALLOWED[action]),
        action,
        { ...actor, roles: [] },
        { comment: '原因' },
      );
      expect(noRoles).toMatchObject({ ok: false, code: 'FORBIDDEN_ROLE' });
    });

    it('is refused to the right role in the wrong organisation', () => {
      for (const relation of RELATIONS.filter((r) => r !== actor.relation)) {
        const result = transition(
          state(ALLOWED[action]),
          action,
          { ...actor, relation },
          { comment: '原因' },
        );
        expect(result).toMatchObject({ ok: false, code: 'FORBIDDEN_ORG' });
        expect(result.ok || result.message).toMatch(/^只有(本单位|上级单位)/);
      }
    });
  });

  it('uses clear Chinese messages for role problems', () => {
    expect(transition(state(ReportStatus.DRAFT), ProgressAction.SUBMIT, reviewer)).toEqual({
      ok: false,
      code: 'FORBIDDEN_ROLE',
      message: '只有本单位填报员可以提交季度进展',
    });
    const cityAdminOfOwnReport: WorkflowActor = {
      userId: 'u',
      roles: [Role.ADMIN],
      relation: 'SAME_ORG',
    };
    expect(
      transition(state(ReportStatus.APPROVED), ProgressAction.ACCEPT, cityAdminOfOwnReport),
    ).toEqual({
      ok: false,
      code: 'FORBIDDEN_ORG',
      message: '只有上级单位管理员可以验收季度进展',
    });
  });

  it('checks permission before state, so outsiders learn nothing about the state', () => {
    const outsider: WorkflowActor = { userId: 'u', roles: [Role.EDITOR], relation: 'OTHER' };
    expect(transition(state(ReportStatus.ACCEPTED), ProgressAction.SUBMIT, outsider)).toMatchObject(
      {
        code: 'FORBIDDEN_ORG',
      },
    );
  });

  it('treats ACCEPTED as final for everyone', () => {
    const accepted = state(ReportStatus.ACCEPTED);
    const superUser: WorkflowActor = {
      userId: 'u',
      roles: Object.values(Role),
      relation: 'SAME_ORG',
    };
    for (const actor of [
      editor,
      reviewer,
      overseer,
      superUser,
      { ...superUser, relation: 'OVERSEER' as const },
    ]) {
      for (const action of ALL_ACTIONS) {
        expect(transition(accepted, action, actor, { comment: '原因' }).ok).toBe(false);
      }
      expect(availableActions(accepted, actor)).toEqual([]);
    }
  });

  it('exhaustively: an action succeeds iff state, role, relation and submitter all fit', () => {
    const roleSets: string[][] = [
      [],
      ...Object.values(Role).map((r) => [r]),
      [Role.EDITOR, Role.REVIEWER],
    ];
    for (const status of ALL_STATUSES) {
      for (const roles of roleSets) {
        for (const relation of RELATIONS) {
          for (const userId of ['u-editor', 'u-someone']) {
            const actor: WorkflowActor = { userId, roles, relation };
            for (const action of ALL_ACTIONS) {
              const rule = PERMITTED[action];
              const expected =
                status === ALLOWED[action] &&
                roles.includes(rule.roles[0]!) &&
                relation === rule.relation &&
                !(action === ProgressAction.APPROVE && userId === 'u-editor');
              const result = transition(state(status), action, actor, { comment: '原因' });
              expect({ status, roles, relation, userId, action, ok: result.ok }).toEqual({
                status,
                roles,
                relation,
                userId,
                action,
                ok: expected,
              });
            }
          }
        }
      }
    }
  });
});

describe('availableActions and labels', () => {
  it('lists what each actor can do now', () => {
    expect(availableActions(state(ReportStatus.DRAFT), editor)).toEqual([
      ProgressAction.SAVE,
      ProgressAction.SUBMIT,
    ]);
    expect(availableActions(state(ReportStatus.DRAFT), reviewer)).toEqual([]);
    expect(availableActions(state(ReportStatus.SUBMITTED), reviewer)).toEqual([
      ProgressAction.APPROVE,
      ProgressAction.REJECT_BY_REVIEWER,
    ]);
    expect(
      availableActions(state(ReportStatus.SUBMITTED, { submittedBy: 'u-both' }), editorReviewer),
    ).toEqual([ProgressAction.REJECT_BY_REVIEWER]);
    expect(availableActions(state(ReportStatus.APPROVED), overseer)).toEqual([
      ProgressAction.ACCEPT,
      ProgressAction.RETURN,
    ]);
    expect(
      availableActions(state(ReportStatus.APPROVED), { ...overseer, relation: 'OTHER' }),
    ).toEqual([]);
  });

  it('only drafts are editable', () => {
    expect(ALL_STATUSES.filter((s) => isEditable(state(s)))).toEqual([ReportStatus.DRAFT]);
  });

  it('labels statuses, actions and completion states in Chinese', () => {
    expect(REPORT_STATUS_LABEL).toEqual({
      DRAFT: '草稿',
      SUBMITTED: '已提交',
      APPROVED: '已审核',
      ACCEPTED: '已验收',
      RETURNED: '已退回',
    });
    expect(COMPLETION_STATE_LABEL).toEqual({
      NOT_STARTED: '未开始',
      IN_PROGRESS: '推进中',
      COMPLETED: '已完成',
      BLOCKED: '受阻',
    });
    for (const action of ALL_ACTIONS)
      expect(PROGRESS_ACTION_LABEL[action]).toMatch(/[\u4e00-\u9fff]/);
    expect(reportDisplayStatus(initialWorkflowState())).toBe(ReportStatus.DRAFT);
  });
});

describe('checkCompletion', () => {
  it('accepts consistent state and percent', () => {
    expect(checkCompletion(CompletionState.NOT_STARTED, 0)).toBeNull();
    expect(checkCompletion(CompletionState.IN_PROGRESS, 0)).toBeNull();
    expect(checkCompletion(CompletionState.IN_PROGRESS, 60)).toBeNull();
    expect(checkCompletion(CompletionState.BLOCKED, 30)).toBeNull();
    expect(checkCompletion(CompletionState.COMPLETED, 100)).toBeNull();
  });

  it('rejects inconsistent or malformed percents in Chinese', () => {
    expect(checkCompletion(CompletionState.NOT_STARTED, 10)).toBe(
      '状态为“未开始”时，完成进度应为 0%',
    );
    expect(checkCompletion(CompletionState.COMPLETED, 99)).toBe(
      '状态为“已完成”时，完成进度应为 100%',
    );
    expect(checkCompletion(CompletionState.IN_PROGRESS, 100)).toBe(
      '状态为“推进中”时，完成进度应小于 100%',
    );
    expect(checkCompletion(CompletionState.BLOCKED, 100)).toBe(
      '状态为“受阻”时，完成进度应小于 100%',
    );
    for (const bad of [-1, 101, 50.5, Number.NaN]) {
      expect(checkCompletion(CompletionState.IN_PROGRESS, bad)).toBe(
        '完成进度须为 0 到 100 之间的整数',
      );
    }
  });
});
