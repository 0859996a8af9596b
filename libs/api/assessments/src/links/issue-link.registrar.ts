import { Injectable } from '@nestjs/common';
import { LinkChecks, type Scope } from '@sunshine/api/core';
import { ASSESSMENT_LINK_KINDS, urlsInText } from '@sunshine/shared/domain';

interface IssueLinks {
  id: string;
  organization_id: string;
  location: string;
  rectification_links: readonly string[];
}

/**
 * Registers an issue's URLs with the link checker (the `LinkChecks` port) in the caller's
 * transaction: the URLs written in its location when the issue is entered or imported, its
 * rectification links whenever they are saved. The checker queues the first checks.
 */
@Injectable()
export class IssueLinkRegistrar {
  constructor(private readonly links: LinkChecks) {}

  async issuesRaised(scope: Scope, issues: readonly IssueLinks[]): Promise<void> {
    const entries = issues
      .map((i) => ({
        owner: {
          kind: ASSESSMENT_LINK_KINDS.location,
          id: i.id,
          organizationId: i.organization_id,
        },
        urls: urlsInText(i.location),
      }))
      .filter((e) => e.urls.length > 0);
    await this.links.registerMany(scope, entries, { replace: true });
  }

  async rectificationSaved(scope: Scope, issue: IssueLinks): Promise<void> {
    await this.links.registerMany(
      scope,
      [
        {
          owner: {
            kind: ASSESSMENT_LINK_KINDS.rectification,
            id: issue.id,
            organizationId: issue.organization_id,
          },
          urls: issue.rectification_links,
        },
      ],
      { replace: true },
    );
  }
}
