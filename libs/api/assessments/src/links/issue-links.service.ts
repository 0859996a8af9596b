import { Injectable } from '@nestjs/common';
import { LinkChecks, TenantDatabase, type Scope } from '@sunshine/api/core';
import {
  ASSESSMENT_LINK_KINDS,
  ASSESSMENT_LINK_STATES,
  type AssessmentLinkState,
} from '@sunshine/shared/domain';
import { AssessmentsService } from '../assessments.service';
import { IssueLinksRepository, type LinkRow } from './issue-links.repository';
import { AssessmentLinkRole, type AssessmentIssueLinksDto } from './issue-links.dto';

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
    private readonly repo: IssueLinksRepository,
  ) {}

  /** The link state of each issue (ids of issues the caller has read), in one statement. */
  async statusOf(scope: Scope, issueIds: readonly string[]): Promise<AssessmentIssueLinksDto[]> {
    const rows = issueIds.length
      ? await this.db.run(scope, (m) => this.repo.linksOf(m, issueIds))
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
    return this.db.run(scope, (m) => this.repo.brokenAmong(m, ids));
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
