import { useMutation, useQuery } from '@apollo/client/react';
import {
  AssessmentLinkFiguresDocument,
  RecheckAssessmentLinksDocument,
} from '@sunshine/web/graphql';

/** "Links broken now" of the round (under the organisation drilled into) and the re-check. */
export function useLinkChecks(roundId: string | null, organizationId: string | null) {
  const figures = useQuery(AssessmentLinkFiguresDocument, {
    variables: { roundId: roundId ?? '', organizationId },
    skip: !roundId,
    fetchPolicy: 'cache-and-network',
  });
  const [recheck, rechecking] = useMutation(RecheckAssessmentLinksDocument, {
    refetchQueries: ['AssessmentIssues', 'AssessmentLinkFigures'],
  });
  const data = figures.data?.assessmentOverview ?? figures.previousData?.assessmentOverview;
  return {
    linksBroken: data?.linksBroken ?? null,
    issuesWithBrokenLinks: data?.issuesWithBrokenLinks ?? null,
    rechecking: rechecking.loading,
    /** Queues a re-check of the round's links (under an organisation, or of chosen issues). */
    recheck: async (input: { organizationId?: string | null; issueIds?: string[] }) => {
      if (!roundId) return null;
      const r = await recheck({
        variables: {
          input: {
            roundId,
            ...(input.organizationId ? { organizationId: input.organizationId } : {}),
            ...(input.issueIds ? { issueIds: input.issueIds } : {}),
          },
        },
      });
      return r.data?.recheckAssessmentLinks ?? null;
    },
  };
}

export type LinkChecksState = ReturnType<typeof useLinkChecks>;
