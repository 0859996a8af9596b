/**
 * How every GraphQL operation of the committed schema and every HTTP route of the running app is
 * covered by the tenancy matrices. tenancy-coverage.int-spec.ts derives the operations and routes
 * (never from this list) and fails when one has no entry here, or an entry names nothing; each
 * matrix spec checks that its rows are exactly the entries naming it, and that every row really
 * called the operations it covers.
 *
 * Keys: `Query.field`, `Mutation.field`, `METHOD /route/:param`.
 */
export type MatrixName =
  | 'tenancy-matrix'
  | 'reporting-matrix'
  | 'plans-matrix'
  | 'workflow-matrix'
  | 'trainings-matrix'
  | 'assessments-matrix'
  | 'assessment-files-matrix'
  | 'assessment-loop-matrix'
  | 'links-matrix'
  | 'scorecards-matrix'
  | 'letters-matrix'
  | 'annual-reports-matrix'
  | 'annual-files-matrix';

export type Coverage =
  | { matrix: MatrixName }
  | {
      /**
       * public: answers without a session. self-only: acts on the caller's own account or session
       * and takes no organisation or record id. no-tenant-data: reads no tenant row.
       * own-organisation: takes no organisation or record id and answers only for the caller's
       * organisation (its SQL is bound to the scope's organisation and RLS).
       */
      marking: 'public' | 'self-only' | 'no-tenant-data' | 'own-organisation';
      reason: string;
    };

export const TENANCY_COVERAGE: Record<string, Coverage> = {
  // Sign-in and the caller's own account
  'Mutation.login': { marking: 'public', reason: 'sign-in; answers before any scope exists' },
  'Mutation.refresh': {
    marking: 'public',
    reason: 'rotates the refresh cookie of the caller’s own session',
  },
  'Mutation.logout': { marking: 'self-only', reason: 'revokes the caller’s own session' },
  'Mutation.changePassword': {
    marking: 'self-only',
    reason: 'changes the caller’s own password; takes no user id',
  },
  'Query.me': {
    marking: 'self-only',
    reason: 'the caller’s own account (checked per actor in tenancy-matrix)',
  },
  'Mutation.verifySecondFactor': {
    marking: 'public',
    reason: 'second sign-in step; the account comes from the signed challenge of the password step',
  },
  'Mutation.beginSecondFactorEnrolment': {
    marking: 'public',
    reason: 'enrolment at sign-in for the account named by the signed challenge; takes no user id',
  },
  'Mutation.confirmSecondFactorEnrolment': {
    marking: 'public',
    reason: 'enrolment at sign-in for the account named by the signed challenge; takes no user id',
  },
  'Mutation.beginOwnSecondFactorEnrolment': {
    marking: 'self-only',
    reason: 'the caller’s own second factor; takes no user id',
  },
  'Mutation.confirmOwnSecondFactorEnrolment': {
    marking: 'self-only',
    reason: 'the caller’s own second factor; takes no user id',
  },
  'Query.accountSecurity': {
    marking: 'self-only',
    reason: 'the caller’s own second factor and password expiry',
  },
  'Query.mySessions': { marking: 'self-only', reason: 'the caller’s own sessions' },
  'Mutation.endMySession': {
    marking: 'self-only',
    reason:
      'ends one of the caller’s own sessions, looked up among them (security-second-factor.int-spec.ts: another user’s id is NOT_FOUND)',
  },
  'GET /health': { marking: 'public', reason: 'database liveness; reads no row' },
  'GET /health/live': { marking: 'public', reason: 'process liveness; touches nothing' },
  'GET /health/ready': {
    marking: 'public',
    reason: 'readiness: SELECT of the migration count and checks; reads no tenant row',
  },
  'GET /metrics': {
    marking: 'no-tenant-data',
    reason: 'process counters; bearer METRICS_TOKEN or loopback only (observability.int-spec.ts)',
  },
  'GET /files/templates/checklist.xlsx': {
    marking: 'no-tenant-data',
    reason: 'a blank import template',
  },
  'GET /files/templates/checklist-sample.xlsx': {
    marking: 'no-tenant-data',
    reason: 'a generated sample checklist',
  },
  'Mutation.anchorAuditTrail': {
    marking: 'no-tenant-data',
    reason:
      'signs the chain head (an event id and its MAC) into the checkpoint file; AUDITOR only (security-audit-anchor.int-spec.ts)',
  },
  'Query.worklist': {
    marking: 'own-organisation',
    reason:
      'menu counts for the caller’s organisation; a differential check would race the suites that change the shared seed in parallel',
  },

  // Organisations, users, audit trail
  'Query.organization': { matrix: 'tenancy-matrix' },
  'Query.organizations': { matrix: 'tenancy-matrix' },
  'Query.users': { matrix: 'tenancy-matrix' },
  'Mutation.createUser': { matrix: 'tenancy-matrix' },
  'Mutation.updateUser': { matrix: 'tenancy-matrix' },
  'Mutation.disableUser': { matrix: 'tenancy-matrix' },
  'Mutation.enableUser': { matrix: 'tenancy-matrix' },
  'Mutation.resetUserPassword': { matrix: 'tenancy-matrix' },
  'Mutation.unlockUser': { matrix: 'tenancy-matrix' },
  'Mutation.resetSecondFactor': { matrix: 'tenancy-matrix' },
  'Mutation.endUserSessions': { matrix: 'tenancy-matrix' },
  'Query.auditEvents': { matrix: 'tenancy-matrix' },
  'Query.verifyAuditTrail': { matrix: 'tenancy-matrix' },
  'Mutation.exportAuditTrail': { matrix: 'tenancy-matrix' },

  // Reporting workflow (existing matrix)
  'Query.progressReport': { matrix: 'reporting-matrix' },
  'GET /files/evidence/:id': { matrix: 'reporting-matrix' },
  'Mutation.submitProgressReport': { matrix: 'reporting-matrix' },
  'Mutation.approveProgressReport': { matrix: 'reporting-matrix' },
  'Mutation.acceptProgressReport': { matrix: 'reporting-matrix' },
  'Mutation.returnProgressReport': { matrix: 'reporting-matrix' },
  'Mutation.decideProgressReports': { matrix: 'reporting-matrix' },
  'Query.completionOverview': { matrix: 'reporting-matrix' },
  'Query.assignments': { matrix: 'reporting-matrix' },

  // Plans
  'Query.plan': { matrix: 'plans-matrix' },
  'Query.plans': { matrix: 'plans-matrix' },
  'Mutation.createPlan': { matrix: 'plans-matrix' },
  'Mutation.updatePlan': { matrix: 'plans-matrix' },
  'Mutation.publishPlan': { matrix: 'plans-matrix' },
  'Mutation.closePlan': { matrix: 'plans-matrix' },
  'Mutation.addPlanCategory': { matrix: 'plans-matrix' },
  'Mutation.deletePlanCategory': { matrix: 'plans-matrix' },
  'Mutation.savePlanTask': { matrix: 'plans-matrix' },
  'Mutation.deletePlanTask': { matrix: 'plans-matrix' },
  'Mutation.addAssignment': { matrix: 'plans-matrix' },
  'Mutation.removeAssignment': { matrix: 'plans-matrix' },
  'POST /files/plans/:id/checklist': { matrix: 'plans-matrix' },
  'POST /files/plans/:id/checklist/preview': { matrix: 'plans-matrix' },
  'GET /files/plans/:id/export.xlsx': { matrix: 'plans-matrix' },

  // Third-party assessment
  'Query.assessmentRounds': { matrix: 'assessments-matrix' },
  'Query.assessmentRound': { matrix: 'assessments-matrix' },
  'Query.assessmentIssues': { matrix: 'assessments-matrix' },
  'Query.assessmentIssue': { matrix: 'assessments-matrix' },
  'Query.assessmentOverview': { matrix: 'assessments-matrix' },
  'Query.indicatorSystems': { matrix: 'assessments-matrix' },
  'Mutation.createAssessmentRound': { matrix: 'assessments-matrix' },
  'Mutation.publishAssessmentRound': { matrix: 'assessments-matrix' },
  'Mutation.closeAssessmentRound': { matrix: 'assessments-matrix' },
  'Mutation.createIndicatorSystem': { matrix: 'assessments-matrix' },
  'Mutation.addAssessmentIssue': { matrix: 'assessments-matrix' },
  'Mutation.saveRectification': { matrix: 'assessments-matrix' },
  'Mutation.submitRectification': { matrix: 'assessments-matrix' },
  'Mutation.approveRectification': { matrix: 'assessments-matrix' },
  'Mutation.verifyAssessmentIssue': { matrix: 'assessments-matrix' },
  'Mutation.returnAssessmentIssue': { matrix: 'assessments-matrix' },
  'Mutation.disputeAssessmentIssue': { matrix: 'assessments-matrix' },
  'Mutation.decideDispute': { matrix: 'assessments-matrix' },
  'POST /files/assessment-rounds/:id/issues/preview': { matrix: 'assessment-files-matrix' },
  'POST /files/assessment-rounds/:id/issues': { matrix: 'assessment-files-matrix' },
  'GET /files/assessment-rounds/:id/rectification.xlsx': { matrix: 'assessment-files-matrix' },
  'GET /files/assessment-rounds/:id/organizations/:organizationId/rectification.xlsx': {
    matrix: 'assessment-files-matrix',
  },
  'POST /files/indicator-systems/preview': { matrix: 'assessment-files-matrix' },
  'POST /files/indicator-systems': { matrix: 'assessment-files-matrix' },
  'GET /files/templates/assessment-issues.xlsx': {
    marking: 'no-tenant-data',
    reason: 'a blank issue-list template',
  },
  'GET /files/templates/assessment-issues-sample.xlsx': {
    marking: 'no-tenant-data',
    reason: 'a generated sample issue list (fixed made-up problems of five named bureaus)',
  },
  'GET /files/templates/indicator-system.xlsx': {
    marking: 'no-tenant-data',
    reason: 'a blank indicator-system template',
  },
  'GET /files/templates/indicator-system-sample.xlsx': {
    marking: 'no-tenant-data',
    reason: 'a generated sample indicator system',
  },
  // The rectification loop: deadlines, send-back, 催办, trend, files
  'Mutation.setAssessmentIssueDeadline': { matrix: 'assessment-loop-matrix' },
  'Mutation.sendBackRectification': { matrix: 'assessment-loop-matrix' },
  'Mutation.remindOverdueAssessmentIssues': { matrix: 'assessment-loop-matrix' },
  'Query.assessmentIssueTrend': { matrix: 'assessment-loop-matrix' },
  'Query.assessmentMenuCounts': {
    marking: 'own-organisation',
    reason:
      'takes no id: counts the caller’s organisation’s issues and, for 待复核, the rounds its organisation issued or its assessor account is assigned to (SQL bound to the scope, RLS)',
  },
  'POST /files/assessment-issues/:id/files': { matrix: 'assessment-loop-matrix' },
  'GET /files/assessment-files/:id': { matrix: 'assessment-loop-matrix' },
  'DELETE /files/assessment-files/:id': { matrix: 'assessment-loop-matrix' },
  'Mutation.recheckAssessmentLinks': { matrix: 'assessments-matrix' },

  // Drafts, evidence, reminders, notifications
  'Mutation.saveProgressReport': { matrix: 'workflow-matrix' },
  'Mutation.copyPreviousProgressReport': { matrix: 'workflow-matrix' },
  'Query.progressReports': { matrix: 'workflow-matrix' },
  'POST /files/reports/:id/evidence': { matrix: 'workflow-matrix' },
  'DELETE /files/evidence/:id': { matrix: 'workflow-matrix' },
  'Mutation.sendReminders': { matrix: 'workflow-matrix' },
  'Query.notifications': { matrix: 'workflow-matrix' },
  'Mutation.markNotificationsRead': { matrix: 'workflow-matrix' },
  'Query.auditAlerts': {
    marking: 'own-organisation',
    reason:
      'the audit alerts of the caller’s own organisation (bound to the scope’s organisation and RLS); AUDITOR only (audit-retention.int-spec.ts)',
  },
  'Mutation.markAuditAlertsRead': {
    marking: 'own-organisation',
    reason:
      'marks the caller’s own organisation’s audit alerts read; AUDITOR only (audit-retention.int-spec.ts)',
  },
  // Trainings
  'Query.trainingSessions': { matrix: 'trainings-matrix' },
  'Query.trainingSession': { matrix: 'trainings-matrix' },
  'Query.trainingCoverage': { matrix: 'trainings-matrix' },
  'Mutation.createTrainingSession': { matrix: 'trainings-matrix' },
  'Mutation.updateTrainingSession': { matrix: 'trainings-matrix' },
  'Mutation.recordAttendance': { matrix: 'trainings-matrix' },
  'Mutation.removeAttendance': { matrix: 'trainings-matrix' },
  'Mutation.setTrainingRequirement': { matrix: 'trainings-matrix' },
  'POST /files/trainings/:id/sign-in/preview': { matrix: 'trainings-matrix' },
  'POST /files/trainings/:id/sign-in': { matrix: 'trainings-matrix' },
  'GET /files/trainings/:id/attendance.xlsx': { matrix: 'trainings-matrix' },
  'POST /files/trainings/:id/materials': { matrix: 'trainings-matrix' },
  'GET /files/training-materials/:id': { matrix: 'trainings-matrix' },
  'DELETE /files/training-materials/:id': { matrix: 'trainings-matrix' },
  'GET /files/trainings/coverage.xlsx': { matrix: 'trainings-matrix' },
  'GET /files/trainings/attendances/:id/certificate.docx': { matrix: 'trainings-matrix' },
  'GET /files/trainings/bureaus/:organizationId/certificate.docx': { matrix: 'trainings-matrix' },

  // Official letters (api-letters)
  'GET /files/reminder-letters/:organizationId.docx': { matrix: 'letters-matrix' },
  'GET /files/scorecards/:year/bulletin.docx': { matrix: 'letters-matrix' },
  'GET /files/scorecards/:year/scorecard.xlsx': { matrix: 'letters-matrix' },

  // Annual reports: files and the province statistics (annual-files-matrix.int-spec.ts)
  'Query.annualReportStatistics': { matrix: 'annual-files-matrix' },
  'GET /files/annual-reports/:year/:organizationId.docx': { matrix: 'annual-files-matrix' },
  'GET /files/annual-reports/:year/all.zip': { matrix: 'annual-files-matrix' },
  'POST /files/annual-reports/:year/:organizationId/import/preview': {
    matrix: 'annual-files-matrix',
  },
  'POST /files/annual-reports/:year/:organizationId/import': { matrix: 'annual-files-matrix' },
  'GET /files/annual-reports/template.xlsx': {
    marking: 'no-tenant-data',
    reason: 'a blank import template generated from the format',
  },

  // Annual disclosure reports
  'Query.annualReport': { matrix: 'annual-reports-matrix' },
  'Query.annualReportSummary': { matrix: 'annual-reports-matrix' },
  'Mutation.saveAnnualReport': { matrix: 'annual-reports-matrix' },
  'Mutation.submitAnnualReport': { matrix: 'annual-reports-matrix' },
  'Mutation.approveAnnualReport': { matrix: 'annual-reports-matrix' },
  'Mutation.acceptAnnualReport': { matrix: 'annual-reports-matrix' },
  'Mutation.returnAnnualReport': { matrix: 'annual-reports-matrix' },
  'Mutation.remindAnnualReports': { matrix: 'annual-reports-matrix' },

  // Link checks (api-link-checks)
  'Mutation.recheckLinks': { matrix: 'links-matrix' },
  'Query.linkHistory': { matrix: 'links-matrix' },

  // Scorecards (api-scorecards)
  'Query.scorecard': { matrix: 'scorecards-matrix' },
  'Query.scoreBreakdown': { matrix: 'scorecards-matrix' },
  'Query.scorecardDiff': { matrix: 'scorecards-matrix' },
  'Query.rubric': { matrix: 'scorecards-matrix' },
  'Mutation.saveRubric': { matrix: 'scorecards-matrix' },
  'Mutation.addScoreAdjustment': { matrix: 'scorecards-matrix' },
  'Mutation.publishScorecard': { matrix: 'scorecards-matrix' },
};

/** The entries a matrix must have rows for. */
export function coveredBy(matrix: MatrixName): string[] {
  return Object.entries(TENANCY_COVERAGE)
    .filter(([, c]) => 'matrix' in c && c.matrix === matrix)
    .map(([key]) => key)
    .sort();
}

/**
 * What a matrix spec asserts at its end: its rows cover exactly its registry entries, and every
 * row called what it claims (as recorded by the clients).
 */
export function coverageProblems(
  matrix: MatrixName,
  rows: Array<{ name: string; covers: string[] }>,
  called: Iterable<string>,
): string[] {
  const problems: string[] = [];
  const claimed = [...new Set(rows.flatMap((r) => r.covers))].sort();
  const expected = coveredBy(matrix);
  for (const key of expected)
    if (!claimed.includes(key)) problems.push(`${key}: in the registry but no row of ${matrix}`);
  for (const key of claimed)
    if (!expected.includes(key)) problems.push(`${key}: a row of ${matrix} not in the registry`);
  const seen = new Set(called);
  for (const row of rows)
    for (const key of row.covers)
      if (!seen.has(key)) problems.push(`${row.name}: claims ${key} but never called it`);
  return problems;
}
