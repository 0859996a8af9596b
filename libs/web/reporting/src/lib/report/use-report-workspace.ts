import { useEffect, useState } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import {
  AcceptProgressReportDocument,
  ApproveProgressReportDocument,
  CopyPreviousProgressReportDocument,
  errorMessage,
  errorReason,
  hasErrorCode,
  MeDocument,
  ReportDetailDocument,
  ReturnProgressReportDocument,
  SaveProgressReportDocument,
  SubmitProgressReportDocument,
  TaskAssignmentDocument,
  type ReportFieldsFragment,
  type SaveProgressReportInput,
} from '@sunshine/web/graphql';
import { useWorklistCounts } from '../worklist/use-worklist-counts';
import { expectedDueDate, isOverdue, reportMode } from './report-form-model';

const REFETCH = ['Worklist'];

/** A save or action refused because the report changed meanwhile (or left the draft state). */
export interface Conflict {
  message: string;
}

/**
 * The report page's data: the report (by id) or, for a task without a report yet, its assignment;
 * the user's mode (edit, review, accept, read) and the workflow mutations.
 */
export function useReportWorkspace() {
  const { reportId, taskId } = useParams();
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const me = useQuery(MeDocument);
  const counts = useWorklistCounts();
  const user = me.data?.me ?? null;

  const year = Number(search.get('year')) || counts?.year || 0;
  const quarter = Number(search.get('quarter')) || counts?.quarter || 0;

  const detail = useQuery(ReportDetailDocument, {
    variables: { id: reportId ?? '' },
    skip: !reportId,
    fetchPolicy: 'cache-and-network',
  });
  const assignmentQuery = useQuery(TaskAssignmentDocument, {
    variables: {
      filter: { organizationId: user?.organization.id, taskId, year, quarter, limit: 1 },
    },
    skip: Boolean(reportId) || !taskId || !user || !year,
    fetchPolicy: 'network-only',
  });
  const assignment = assignmentQuery.data?.assignments.items[0] ?? null;
  // 沿用上季度 is offered when the task has a report in the previous quarter of the same year.
  const previousQuery = useQuery(TaskAssignmentDocument, {
    variables: {
      filter: {
        organizationId: user?.organization.id,
        taskId,
        year,
        quarter: quarter - 1,
        limit: 1,
      },
    },
    skip: Boolean(reportId) || !taskId || !user || !year || quarter <= 1,
    fetchPolicy: 'network-only',
  });
  const hasPrevious = Boolean(previousQuery.data?.assignments.items[0]?.report);

  // A task that already has a report for the quarter opens the report itself.
  const existingId = assignment?.report?.id;
  useEffect(() => {
    if (existingId) void navigate(`/reporting/reports/${existingId}`, { replace: true });
  }, [existingId, navigate]);

  // The report a first save just created: shown at once while its page's query catches up.
  const [created, setCreated] = useState<ReportFieldsFragment | null>(null);
  const fetched =
    reportId && detail.data?.progressReport.id === reportId ? detail.data.progressReport : null;
  const report: ReportFieldsFragment | null =
    fetched ?? (reportId && created?.id === reportId ? created : null);

  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [saveMutation, saveState] = useMutation(SaveProgressReportDocument, {
    refetchQueries: REFETCH,
  });
  const [copyMutation, copyState] = useMutation(CopyPreviousProgressReportDocument, {
    refetchQueries: REFETCH,
  });
  const [submitMutation, submitState] = useMutation(SubmitProgressReportDocument, {
    refetchQueries: REFETCH,
  });
  const [approveMutation, approveState] = useMutation(ApproveProgressReportDocument, {
    refetchQueries: REFETCH,
  });
  const [acceptMutation, acceptState] = useMutation(AcceptProgressReportDocument, {
    refetchQueries: REFETCH,
  });
  const [returnMutation, returnState] = useMutation(ReturnProgressReportDocument, {
    refetchQueries: REFETCH,
  });

  /** Records a version conflict for the banner and rethrows anything else. */
  const watchConflict = (error: unknown): never => {
    if (hasErrorCode(error, 'CONFLICT')) {
      const reason = errorReason(error);
      setConflict({
        message:
          reason === 'VERSION_CONFLICT' ||
          reason === 'NOT_EDITABLE' ||
          reason === 'INVALID_TRANSITION'
            ? errorMessage(error)
            : errorMessage(error, '该季度进展已被他人修改，请查看最新内容'),
      });
    }
    throw error;
  };

  const task = report?.task ?? assignment?.task ?? null;
  const organization = report?.organization ?? assignment?.organization ?? null;
  const period = report ? { year: report.year, quarter: report.quarter } : { year, quarter };
  const isOwn = organization?.id === user?.organization.id;
  const canCreate = Boolean(user?.roles.includes('EDITOR') && isOwn);
  const mode = reportMode(report?.availableActions ?? (reportId ? [] : null), canCreate);
  const reporting = counts ? { year: counts.year, quarter: counts.quarter } : null;

  const loading = reportId
    ? detail.loading && !report
    : me.loading ||
      (!counts && !search.get('year')) ||
      (assignmentQuery.loading && !assignment) ||
      Boolean(existingId);
  const failure = reportId ? detail.error : assignmentQuery.error;

  return {
    user,
    reportId: reportId ?? null,
    report,
    task,
    organization,
    period,
    assignmentId: report?.assignmentId ?? assignment?.id ?? null,
    hasPrevious,
    mode,
    dueDate: report?.dueDate ?? expectedDueDate(period, counts, task),
    overdue: reporting ? isOverdue({ ...period, status: report?.status }, reporting) : false,
    loading,
    notFound: !loading && !failure && !task,
    error: failure ? errorMessage(failure, '季度进展加载失败') : null,
    retry: () => void (reportId ? detail.refetch() : assignmentQuery.refetch()),
    /** Re-reads the report (after an upload, or to resolve a conflict). */
    reload: async () => {
      setConflict(null);
      if (reportId) await detail.refetch();
    },
    conflict,
    clearConflict: () => setConflict(null),
    saving: saveState.loading,
    busy:
      saveState.loading ||
      submitState.loading ||
      approveState.loading ||
      acceptState.loading ||
      returnState.loading,
    save: async (input: SaveProgressReportInput): Promise<ReportFieldsFragment> => {
      try {
        const { data } = await saveMutation({ variables: { input } });
        if (!data) throw new Error('保存失败');
        setConflict(null);
        if (!reportId) setCreated(data.saveProgressReport);
        return data.saveProgressReport;
      } catch (error: unknown) {
        return watchConflict(error);
      }
    },
    copying: copyState.loading,
    /** 沿用上季度: creates this quarter's draft from the previous one and opens it. */
    copyPrevious: async (): Promise<void> => {
      const assignmentId = assignment?.id;
      if (!assignmentId) return;
      const { data } = await copyMutation({
        variables: { input: { assignmentId, year, quarter } },
      });
      if (!data) throw new Error('沿用失败');
      setCreated(data.copyPreviousProgressReport);
      void navigate(`/reporting/reports/${data.copyPreviousProgressReport.id}`, { replace: true });
    },
    submit: async (r: Pick<ReportFieldsFragment, 'id' | 'version'>) => {
      try {
        await submitMutation({ variables: { input: { id: r.id, version: r.version } } });
      } catch (error: unknown) {
        watchConflict(error);
      }
    },
    approve: async (comment: string) => {
      if (!report) return;
      try {
        await approveMutation({
          variables: {
            input: { id: report.id, version: report.version, comment: comment || null },
          },
        });
      } catch (error: unknown) {
        watchConflict(error);
      }
    },
    accept: async (comment: string) => {
      if (!report) return;
      try {
        await acceptMutation({
          variables: {
            input: { id: report.id, version: report.version, comment: comment || null },
          },
        });
      } catch (error: unknown) {
        watchConflict(error);
      }
    },
    sendBack: async (reason: string) => {
      if (!report) return;
      try {
        await returnMutation({
          variables: { input: { id: report.id, version: report.version, reason } },
        });
      } catch (error: unknown) {
        watchConflict(error);
      }
    },
    openReport: (id: string) => void navigate(`/reporting/reports/${id}`, { replace: true }),
  };
}

export type ReportWorkspace = ReturnType<typeof useReportWorkspace>;
