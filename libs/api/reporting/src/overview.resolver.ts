import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentScope, type Scope } from '@sunshine/api/core';
import { CompletionOverviewDto, LastReminderDto } from './dtos/overview.dto';
import { RemindersService } from './reminders.service';

/** Fields of the overview read only when asked (their own statement, outside the overview's one). */
@Resolver(() => CompletionOverviewDto)
export class OverviewResolver {
  constructor(private readonly reminders: RemindersService) {}

  @ResolveField(() => LastReminderDto, {
    nullable: true,
    description: '本单位本季度上次催办（时间、催办人）；为空表示尚未催办',
  })
  lastReminder(
    @Parent() overview: CompletionOverviewDto,
    @CurrentScope() scope: Scope,
  ): Promise<LastReminderDto | null> {
    return this.reminders.lastReminder(
      scope,
      overview.organization.id,
      overview.year,
      overview.quarter,
    );
  }
}
