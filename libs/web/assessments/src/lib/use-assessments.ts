import { useMemo } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { useSearchParams } from 'react-router';
import {
  ApproveRectificationDocument,
  AssessmentIssueHistoryDocument,
  AssessmentIssuesDocument,
  AssessmentOverviewDocument,
  AssessmentRoundsDocument,
  CloseAssessmentRoundDocument,
  DisputeAssessmentIssueDocument,
  MeDocument,
  PublishAssessmentRoundDocument,
  ReturnAssessmentIssueDocument,
  SaveRectificationDocument,
  SubmitRectificationDocument,
  VerifyAssessmentIssueDocument,
} from '@sunshine/web/graphql';

/** Search parameters: the round, the organisation drilled into, the open problem. */
const PARAM = { round: 'round', org: 'org', issue: 'issue' } as const;

/** Data, drill-down and actions of 第三方测评. State lives in the address. */
export function useAssessments() {
  const [params, setParams] = useSearchParams();
  const me = useQuery(MeDocument);
  const rounds = useQuery(AssessmentRoundsDocument, { fetchPolicy: 'cache-and-network' });
  const list = rounds.data?.assessmentRounds ?? [];
  const roundId =
    params.get(PARAM.round) ??
    list.find((r) => r.status === 'PUBLISHED')?.id ??
    list[0]?.id ??
    null;
  const round = list.find((r) => r.id === roundId) ?? null;
  const user = me.data?.me ?? null;
  const orgId = params.get(PARAM.org);

  const overview = useQuery(AssessmentOverviewDocument, {
    variables: { roundId: roundId ?? '', organizationId: orgId },
    skip: !roundId,
    fetchPolicy: 'cache-and-network',
  });
  const issues = useQuery(AssessmentIssuesDocument, {
    variables: { filter: { roundId, ...(orgId ? { organizationId: orgId } : {}) } },
    skip: !roundId,
    fetchPolicy: 'cache-and-network',
  });
  const issueId = params.get(PARAM.issue);
  const history = useQuery(AssessmentIssueHistoryDocument, {
    variables: { id: issueId ?? '' },
    skip: !issueId,
    fetchPolicy: 'cache-and-network',
  });

  const refetchQueries = ['AssessmentOverview', 'AssessmentIssues', 'AssessmentIssueHistory'];
  const [save, saving] = useMutation(SaveRectificationDocument, { refetchQueries });
  const [submit, submitting] = useMutation(SubmitRectificationDocument, { refetchQueries });
  const [approve, approving] = useMutation(ApproveRectificationDocument, { refetchQueries });
  const [verify, verifying] = useMutation(VerifyAssessmentIssueDocument, { refetchQueries });
  const [giveBack, returning] = useMutation(ReturnAssessmentIssueDocument, { refetchQueries });
  const [dispute, disputing] = useMutation(DisputeAssessmentIssueDocument, { refetchQueries });
  const roundQueries = ['AssessmentRounds', ...refetchQueries];
  const [publishRound, publishing] = useMutation(PublishAssessmentRoundDocument, {
    refetchQueries: roundQueries,
  });
  const [closeRound, closing] = useMutation(CloseAssessmentRoundDocument, {
    refetchQueries: roundQueries,
  });

  const set = (changes: Partial<Record<keyof typeof PARAM, string | null>>): void => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      const name = PARAM[k as keyof typeof PARAM];
      if (v) next.set(name, v);
      else next.delete(name);
    }
    setParams(next);
  };

  const issueList = useMemo(() => issues.data?.assessmentIssues ?? [], [issues.data]);
  const openIssue = issueList.find((i) => i.id === issueId) ?? null;

  return {
    user,
    rounds: list,
    round,
    roundsLoading: rounds.loading && !rounds.data,
    error: rounds.error ?? overview.error ?? issues.error,
    overview:
      overview.data?.assessmentOverview ?? overview.previousData?.assessmentOverview ?? null,
    overviewLoading: overview.loading,
    issues: issueList,
    issuesLoading: issues.loading && !issues.data,
    openIssue,
    history: history.data?.assessmentIssue.history ?? [],
    busy:
      saving.loading ||
      submitting.loading ||
      approving.loading ||
      verifying.loading ||
      returning.loading ||
      disputing.loading ||
      publishing.loading ||
      closing.loading,
    selectRound: (id: string) => set({ round: id, org: null, issue: null }),
    drillTo: (id: string | null) => set({ org: id, issue: null }),
    openIssueId: (id: string | null) => set({ issue: id }),
    orgId,
    /** The round's issuer ADMIN publishes a draft round and closes a finished one. */
    managesRound: Boolean(
      user &&
      round &&
      user.roles.includes('ADMIN') &&
      user.organization.id === round.organizationId,
    ),
    actions: {
      publishRound: (id: string, version: number) =>
        publishRound({ variables: { input: { id, version } } }),
      closeRound: (id: string, version: number) =>
        closeRound({ variables: { input: { id, version } } }),
      save: (id: string, version: number, measure: string, links: string[]) =>
        save({ variables: { input: { id, version, measure, links } } }),
      submit: (id: string, version: number, measure: string, links: string[]) =>
        submit({ variables: { input: { id, version, measure, links } } }),
      dispute: (id: string, version: number, reason: string) =>
        dispute({ variables: { input: { id, version, reason } } }),
      approve: (id: string, version: number) => approve({ variables: { input: { id, version } } }),
      verify: (id: string, version: number, comment: string) =>
        verify({ variables: { input: { id, version, comment } } }),
      giveBack: (id: string, version: number, reason: string) =>
        giveBack({ variables: { input: { id, version, reason } } }),
    },
  };
}

export type AssessmentsState = ReturnType<typeof useAssessments>;
