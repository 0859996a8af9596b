import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '@sunshine/api/core';
import {
  chinaDateOf,
  loadChineseWorkingDays,
  roundDeadline,
  workingDayDeadline,
  type RoundDeadlineRule,
  type WorkingDayCalendar,
  type WorkingDayDeadline,
} from '@sunshine/shared/domain';
import { AssessmentLoopRepository } from './assessment-loop.repository';
import { AssessmentsException } from './assessments.exception';
import type { RoundRow } from './assessments.repository';

/**
 * Rectification deadlines on the Chinese calendar: a round's default deadline given as a date or
 * as N working days from publication (computed when it is published, with a warning when the
 * holiday table does not cover the years involved), and where each deadline stands today in
 * working days.
 */
@Injectable()
export class AssessmentDeadlinesService {
  constructor(
    private readonly clock: Clock,
    private readonly loop: AssessmentLoopRepository,
  ) {}

  calendar(): Promise<WorkingDayCalendar> {
    return loadChineseWorkingDays();
  }

  today(): string {
    return chinaDateOf(this.clock.now());
  }

  /**
   * The round's default deadline when it is created: a date as given, or (N working days) the
   * provisional date counted from today; the rule and the coverage warning are stored.
   */
  async provisional(rule: RoundDeadlineRule): Promise<{ date: string; warning: string }> {
    try {
      const r = roundDeadline(await this.calendar(), rule, this.today());
      return { date: r.date, warning: r.warning ?? '' };
    } catch (e) {
      if (e instanceof RangeError) throw AssessmentsException.badDeadlineRule(e.message);
      throw e;
    }
  }

  async storeRule(m: EntityManager, roundId: string, rule: RoundDeadlineRule, warning: string) {
    await this.loop.setRoundDeadlineRule(
      m,
      roundId,
      rule.kind === 'WORKING_DAYS' ? rule.workingDays : null,
      warning,
    );
  }

  /**
   * On publication (in the publishing transaction): a round whose default is N working days gets
   * its date counted from today, and its issues still on the provisional default move with it.
   */
  async onPublish(m: EntityManager, round: RoundRow): Promise<RoundRow> {
    const days = round.default_deadline_working_days;
    if (days === null) return round;
    const r = roundDeadline(
      await this.calendar(),
      { kind: 'WORKING_DAYS', workingDays: days },
      this.today(),
    );
    await this.loop.applyRoundDeadline(
      m,
      round.id,
      round.default_deadline,
      r.date,
      r.warning ?? '',
    );
    return { ...round, default_deadline: r.date, deadline_warning: r.warning ?? '' };
  }

  /** Where an issue's deadline stands today ("剩余 N 个工作日", "已逾期 N 个工作日"). */
  async standing(deadline: string): Promise<WorkingDayDeadline> {
    return workingDayDeadline(await this.calendar(), this.today(), deadline);
  }
}
