import { Injectable } from '@nestjs/common';
import {
  col,
  LinkChecks,
  rowShape,
  select,
  selectOne,
  TenantDatabase,
  type RowOf,
  type Scope,
} from '@sunshine/api/core';
import {
  ASSESSMENT_LINK_KINDS,
  ASSESSMENT_LINK_STATES,
  type AssessmentLinkState,
} from '@sunshine/shared/domain';
import { AssessmentsService } from '../assessments.service';
import { issueLinkRowsSql } from './issue-link-sql';
import { AssessmentLinkRole, type AssessmentIssueLinksDto } from './issue-links.dto';

const LinkRow = rowShape({
  owner_kind: col.text,
  issue_id: col.uuid,
  link_id: col.uuid,
  organization_id: col.uuid,
  url: col.text,
  link_state: col.oneOf(ASSESSMENT_LINK_STATES),
  outcome: col.text.nullable,
  status_code: col.int.nullable,
  final_url: col.text.nullable,
  response_ms: col.int.nullable,
  title: col.text.nullable,
  checked_at: col.date.nullable,
  problem: col.text.nullable,
  same_as_raised: col.bool.nullable,
});
type LinkRow = RowOf<typeof LinkRow>;

const BrokenRow = rowShape({ links: col.int, issues: col.int });

/** The precedence of the states: an issue shows the first any of its links has. */
export function worstState(states: readonly AssessmentLinkState[]): AssessmentLinkState | null {
  let best = -1;
  for (const s of states) {
    const i = ASSESSMENT_LINK_STATES.indexOf(s);
    if (best === -1 || i < best) best = i;
  }
  return best === -1 ? null : ASSESSMENT_LINK_STATES[best]!;
}

/** The link state of assessment issues (read from the link checker's published views) and re-checks. */
@Injectable()
export class IssueLinksService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly links: LinkChecks,
    private readonly assessments: AssessmentsService,
  ) {}

  /** The link state of each issue (ids of issues the caller has read), in one statement. */
  async statusOf(scope: Scope, issueIds: readonly string[]): Promise<AssessmentIssueLinksDto[]> {
    const rows = issueIds.length
      ? await this.db.run(scope, (m) =>
          select(
            m,
            LinkRow,
            `${issueLinkRowsSql('r.owner_id = ANY ($1::uuid[])')} ORDER BY issue_id, owner_kind, url`,
            [[...issueIds]],
          ),
        )
      : [];
    const byIssue = new Map<string, LinkRow[]>();
    for (const r of rows) byIssue.set(r.issue_id, [...(byIssue.get(r.issue_id) ?? []), r]);
    return issueIds.map((id) => {
      const list = byIssue.get(id) ?? [];
      const checked = list
        .map((l) => l.checked_at)
        .filter((d): d is Date => d !== null)
        .sort((a, b) => b.getTime() - a.getTime());
      return {
        state: worstState(list.map((l) => l.link_state)),
        checkedAt: checked[0] ?? null,
        links: list.map((l) => ({
          role:
            l.owner_kind === ASSESSMENT_LINK_KINDS.rectification
              ? AssessmentLinkRole.RECTIFICATION
              : AssessmentLinkRole.LOCATION,
          linkId: l.link_id,
          organizationId: l.organization_id,
          url: l.url,
          state: l.link_state,
          outcome: l.outcome,
          statusCode: l.status_code,
          finalUrl: l.final_url,
          responseMs: l.response_ms,
          title: l.title,
          checkedAt: l.checked_at,
          problem: l.problem,
          sameAsRaised: l.same_as_raised,
        })),
      };
    });
  }

  /** Issues of a round (under an organisation, or chosen ones) the caller reads. */
  private async issueIds(
    scope: Scope,
    roundId: string,
    organizationId?: string,
    only?: readonly string[],
  ): Promise<string[]> {
    const issues = await this.assessments.issues(scope, { roundId, organizationId, limit: 5000 });
    const ids = issues.map((i) => i.id);
    return only ? ids.filter((id) => only.includes(id)) : ids;
  }

  /** "Links broken now" among a round's issues under an organisation: distinct links and issues. */
  async brokenNow(
    scope: Scope,
    roundId: string,
    organizationId: string,
  ): Promise<{ links: number; issues: number }> {
    const ids = await this.issueIds(scope, roundId, organizationId);
    if (!ids.length) return { links: 0, issues: 0 };
    const row = await this.db.run(scope, (m) =>
      selectOne(
        m,
        BrokenRow,
        `SELECT count(DISTINCT link_id)::int AS links, count(DISTINCT issue_id)::int AS issues
         FROM (${issueLinkRowsSql('r.owner_id = ANY ($1::uuid[])')}) x WHERE link_state = 'BROKEN'`,
        [ids],
      ),
    );
    return row ?? { links: 0, issues: 0 };
  }

  /** Queues a re-check of every link of the round's issues (under an organisation, or chosen ones). */
  async recheck(
    scope: Scope,
    roundId: string,
    organizationId?: string,
    only?: readonly string[],
  ): Promise<{ issues: number; queued: number }> {
    const ids = await this.issueIds(scope, roundId, organizationId, only);
    const queued = await this.links.recheckOwners(
      scope,
      [ASSESSMENT_LINK_KINDS.location, ASSESSMENT_LINK_KINDS.rectification],
      ids,
    );
    return { issues: ids.length, queued };
  }
}
