import { useEffect, useMemo, useState } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { useSearchParams } from 'react-router';
import {
  AcceptAnnualReportDocument,
  AnnualReportContextDocument,
  AnnualReportDocument,
  ApproveAnnualReportDocument,
  MeDocument,
  ReturnAnnualReportDocument,
  SaveAnnualReportDocument,
  SubmitAnnualReportDocument,
  type AnnualReportFieldsFragment,
} from '@sunshine/web/graphql';
import {
  annualReportFormat,
  checkAnnualReport,
  failingRules,
  type AnnualSections,
} from '@sunshine/shared/domain';
import { cellProblems, cellsInput, valuesFromCells, type FormValues } from './annual-report-model';

type Report = AnnualReportFieldsFragment;

/**
 * Data of the 年度报告 page: the year and bureau live in the address; the tables and text are edited
 * locally and checked with the shared identity engine as the user types.
 */
export function useAnnualReport() {
  const [params, setParams] = useSearchParams();
  const me = useQuery(MeDocument);
  const context = useQuery(AnnualReportContextDocument, { fetchPolicy: 'cache-and-network' });
  const user = me.data?.me ?? null;
  const currentYear = context.data?.worklist?.year ?? null;
  const year = Number(params.get('year')) || currentYear;
  const orgId = params.get('org') ?? user?.organization.id ?? null;
  const query = useQuery(AnnualReportDocument, {
    variables: { year: year ?? 0, organizationId: orgId },
    skip: !year || !orgId,
    fetchPolicy: 'cache-and-network',
  });
  const report: Report | null = query.data?.annualReport ?? null;
  const [values, setValues] = useState<FormValues>({});
  const [sections, setSections] = useState<AnnualSections>({
    overview: '',
    problems: '',
    other: '',
  });
  const [dirty, setDirty] = useState(false);
  const stamp = report ? `${report.organization.id}|${report.year}|${report.version}` : '';

  useEffect(() => {
    if (!report) return;
    setValues(valuesFromCells(report.table2, report.table3, report.table4));
    // Only the three texts: the cached object also carries __typename, which no input accepts.
    const { overview, problems, other } = report.sections;
    setSections({ overview, problems, other });
    setDirty(false);
    // Reset only when another report or version arrives, not on every render of the same one.
  }, [stamp]);

  const format = useMemo(
    () => annualReportFormat(report?.formatVersion ?? '2021'),
    [report?.formatVersion],
  );
  const previous = useMemo(
    () => (report && report.previousValues.length ? valuesFromCells(report.previousValues) : null),
    [report],
  );
  const checks = useMemo(
    () => checkAnnualReport({ format, values, sections, previous }),
    [format, values, sections, previous],
  );
  const problems = useMemo(() => cellProblems(checks), [checks]);
  const errors = useMemo(() => failingRules(checks), [checks]);
  const prefill = useMemo(() => valuesFromCells(report?.carriedInPrefill ?? []), [report]);

  const [save, saving] = useMutation(SaveAnnualReportDocument);
  const [submit, submitting] = useMutation(SubmitAnnualReportDocument);
  const [approve, approving] = useMutation(ApproveAnnualReportDocument);
  const [accept, accepting] = useMutation(AcceptAnnualReportDocument);
  const [sendBack, returning] = useMutation(ReturnAnnualReportDocument);
  const busy =
    saving.loading ||
    submitting.loading ||
    approving.loading ||
    accepting.loading ||
    returning.loading;

  const set = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null) next.delete(k);
      else next.set(k, v);
    }
    setParams(next);
  };

  const saveNow = async (): Promise<Report | null> => {
    if (!report || !year) return null;
    const r = await save({
      variables: {
        input: {
          year,
          organizationId: report.organization.id,
          version: report.version,
          sections,
          cells: cellsInput(format, values),
        },
      },
    });
    setDirty(false);
    await query.refetch();
    return r.data?.saveAnnualReport ?? null;
  };

  const organizations = useMemo(
    () => [...(context.data?.organizations ?? [])].sort((a, b) => a.code.localeCompare(b.code)),
    [context.data],
  );
  const yearOptions = currentYear ? [currentYear, currentYear - 1, currentYear - 2] : [];

  return {
    user,
    year,
    yearOptions,
    setYear: (y: number) => set({ year: String(y) }),
    orgId,
    setOrg: (id: string) => set({ org: id === user?.organization.id ? null : id }),
    organizations,
    report,
    loading: query.loading,
    error: query.error ?? context.error ?? me.error ?? null,
    format,
    values,
    setCell: (key: string, value: number | null) => {
      setValues((v) => ({ ...v, [key]: value }));
      setDirty(true);
    },
    setAll: (next: FormValues) => {
      setValues(next);
      setDirty(true);
    },
    sections,
    setSection: (key: keyof AnnualSections, text: string) => {
      setSections((s) => ({ ...s, [key]: text }));
      setDirty(true);
    },
    dirty,
    checks,
    problems,
    errors,
    prefill,
    busy,
    save: saveNow,
    /** Saves pending edits first, so what is submitted is what the user sees. */
    submit: async () => {
      const saved = dirty || !report?.id ? await saveNow() : report;
      if (!saved?.id) return;
      await submit({ variables: { input: { id: saved.id, version: saved.version } } });
      await query.refetch();
    },
    approve: async () => {
      if (!report?.id) return;
      await approve({ variables: { input: { id: report.id, version: report.version } } });
      await query.refetch();
    },
    accept: async () => {
      if (!report?.id) return;
      await accept({ variables: { input: { id: report.id, version: report.version } } });
      await query.refetch();
    },
    sendBack: async (reason: string) => {
      if (!report?.id) return;
      await sendBack({ variables: { input: { id: report.id, version: report.version, reason } } });
      await query.refetch();
    },
    refetch: () => void query.refetch(),
  };
}

export type AnnualReportState = ReturnType<typeof useAnnualReport>;
