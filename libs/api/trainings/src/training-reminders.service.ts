import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  APP_CONFIG,
  Clock,
  JobQueue,
  NotificationSink,
  OrgDirectory,
  systemScope,
  TenantDatabase,
  type AppConfig,
  type NotificationInput,
} from '@sunshine/api/core';
import { deadlineReminderDue, formatDateZh, inFourthQuarter } from '@sunshine/shared/domain';
import { TrainingCoverageService } from './training-coverage.service';
import { TrainingsRepository, type SessionRow } from './trainings.repository';

export const TRAINING_INVITED_JOB = 'trainings.invited';
export const TRAINING_REMINDERS_JOB = 'trainings.reminders';

const when = (s: SessionRow): string =>
  s.start_date === s.end_date
    ? formatDateZh(s.start_date)
    : `${formatDateZh(s.start_date)}至${formatDateZh(s.end_date)}`;

/** An invitation: the session, when and where; never a person. */
export function invitationNotice(s: SessionRow, orgId: string): NotificationInput {
  const deadline = s.registration_deadline
    ? `请于${formatDateZh(s.registration_deadline)}前报名。`
    : '请及时报名。';
  return {
    organizationId: orgId,
    kind: 'TRAINING',
    title: `培训通知：${s.title}`.slice(0, 200),
    body: `${when(s)}，${s.online ? '线上' : s.place || '地点另行通知'}，${s.hours} 学时。${deadline}`,
    link: '/trainings',
    dedupeKey: `TRAINING_INVITED:${s.id}`,
  };
}

export function deadlineNotice(s: SessionRow, orgId: string): NotificationInput {
  return {
    organizationId: orgId,
    kind: 'TRAINING',
    title: `报名即将截止：${s.title}`.slice(0, 200),
    body: `报名截止日期${formatDateZh(s.registration_deadline ?? s.start_date)}，培训时间${when(s)}。`,
    link: '/trainings',
    dedupeKey: `TRAINING_DEADLINE:${s.id}`,
  };
}

export function requirementNotice(year: number, orgId: string): NotificationInput {
  return {
    organizationId: orgId,
    kind: 'TRAINING',
    title: `${year}年度培训要求尚未达到`,
    body: '第四季度已开始，本单位尚未达到本年度培训要求，请安排人员参加培训。',
    link: '/trainings',
    dedupeKey: `TRAINING_Q4:${year}`,
  };
}

/**
 * Training notices through the job queue: the invited bureaus of a session (queued when it is
 * saved), the registration deadline (TRAINING_REMINDER_DAYS before) and, from the start of Q4,
 * bureaus not meeting the year's requirement (daily, TRAINING_REMINDER_CRON). Idempotent: every
 * notice carries a dedupe key, so each is written once per bureau.
 */
@Injectable()
export class TrainingRemindersService implements OnModuleInit {
  constructor(
    private readonly jobs: JobQueue,
    private readonly db: TenantDatabase,
    private readonly orgs: OrgDirectory,
    private readonly notifier: NotificationSink,
    private readonly clock: Clock,
    private readonly repo: TrainingsRepository,
    private readonly coverage: TrainingCoverageService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.jobs.register<{ sessionId: string }>({
      name: TRAINING_INVITED_JOB,
      retryLimit: 3,
      handler: async (data) => {
        await this.notifyInvited(data.sessionId);
      },
    });
    this.jobs.register<object>({
      name: TRAINING_REMINDERS_JOB,
      cron: this.config.training.cron,
      tz: 'Asia/Shanghai',
      retryLimit: 2,
      handler: async () => {
        await this.sweep();
      },
    });
  }

  /** Queues the invitation notices in the caller's transaction (sent only if it commits). */
  async queueInvited(m: EntityManager, sessionId: string): Promise<void> {
    if (!this.jobs.running) return;
    await this.jobs.send(TRAINING_INVITED_JOB, { sessionId }, { manager: m });
  }

  private async system<T>(work: (m: EntityManager) => Promise<T>): Promise<T | null> {
    const tops = await this.orgs.topIds();
    if (tops.length === 0) return null;
    return this.db.run(systemScope(tops), work);
  }

  /** Notifies every invited bureau of the session not yet told; answers how many were written. */
  async notifyInvited(sessionId: string): Promise<number> {
    return (
      (await this.system(async (m) => {
        const s = await this.repo.findSession(m, sessionId);
        if (!s || s.status !== 'PLANNED') return 0;
        const invited = await this.repo.invitationsOf(m, [s.id]);
        return this.notifier.notify(
          m,
          invited.map((i) => invitationNotice(s, i.organization_id)),
        );
      })) ?? 0
    );
  }

  /**
   * The daily sweep: invitations not yet notified (a session saved while the queue was down),
   * registration deadlines due, and the Q4 requirement.
   */
  async sweep(): Promise<{ invited: number; deadline: number; requirement: number }> {
    const today = new Date(this.clock.now().getTime() + 8 * 3600_000).toISOString().slice(0, 10);
    const days = this.config.training.reminderDays;
    return (
      (await this.system(async (m) => {
        const upcoming = await this.repo.upcomingPlanned(m, today);
        const invitations: NotificationInput[] = [];
        const deadlines: NotificationInput[] = [];
        for (const { id } of upcoming) {
          const s = await this.repo.findSession(m, id);
          if (!s) continue;
          const invited = await this.repo.invitationsOf(m, [s.id]);
          const due = deadlineReminderDue(
            { status: s.status, registrationDeadline: s.registration_deadline },
            today,
            days,
          );
          for (const i of invited) {
            invitations.push(invitationNotice(s, i.organization_id));
            if (due) deadlines.push(deadlineNotice(s, i.organization_id));
          }
        }
        const invited = await this.notifier.notify(m, invitations);
        const deadline = await this.notifier.notify(m, deadlines);
        const year = Number(today.slice(0, 4));
        let requirement = 0;
        if (inFourthQuarter(today, year)) {
          const tops = await this.orgs.topIds();
          const top = new Set(tops);
          const bureaus = [...(await this.orgs.subtree(tops))].filter((id) => !top.has(id));
          const below = await this.coverage.bureausBelowRequirement(m, year, bureaus);
          requirement = await this.notifier.notify(
            m,
            below.map((b) => requirementNotice(year, b.id)),
          );
        }
        return { invited, deadline, requirement };
      })) ?? { invited: 0, deadline: 0, requirement: 0 }
    );
  }
}
