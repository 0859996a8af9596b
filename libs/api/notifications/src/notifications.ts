import { Global, Injectable, Module } from '@nestjs/common';
import {
  Args,
  Field,
  ID,
  InputType,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
} from '@nestjs/graphql';
import { ArrayMaxSize, IsBoolean, IsOptional, IsUUID } from 'class-validator';
import {
  AppError,
  CurrentScope,
  NotificationSink,
  PageLimit,
  PageOffset,
  Roles,
  TenantDatabase,
  type NotificationKind,
  type PageSize,
  type Scope,
} from '@sunshine/api/core';
import { notificationAudience, Role } from '@sunshine/shared/domain';
import { NotificationKindEnum } from './notification-kind';
import { NotificationWriter } from './notification-writer.repository';
import { NotificationsRepository } from './notifications.repository';

/** Page size of the notification list (the default is the service's own). */
export const NOTIFICATIONS_PAGE: PageSize = { default: 20, max: 200 };

@ObjectType('Notification', { description: '站内通知' })
export class NotificationDto {
  @Field(() => ID) id!: string;
  @Field(() => NotificationKindEnum) kind!: NotificationKind;
  @Field(() => String) title!: string;
  @Field(() => String) body!: string;
  @Field(() => String, { nullable: true }) link!: string | null;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date, { nullable: true }) readAt!: Date | null;
}

@ObjectType('NotificationPage')
export class NotificationPageDto {
  @Field(() => [NotificationDto]) items!: NotificationDto[];
  @Field(() => Int) total!: number;
  @Field(() => Int) unread!: number;
}

@InputType('NotificationsFilter')
export class NotificationsFilterInput {
  @Field(() => Boolean, { nullable: true }) @IsOptional() @IsBoolean() unreadOnly?: boolean;
  @PageOffset() offset?: number;
  @PageLimit(NOTIFICATIONS_PAGE) limit?: number;
}

@InputType('MarkNotificationsReadInput')
export class MarkNotificationsReadInput {
  @Field(() => [ID], { nullable: true, description: '不填则全部标为已读' })
  @IsOptional()
  @IsUUID('all', { each: true, message: '通知编号格式不正确' })
  @ArrayMaxSize(500, { message: '一次最多 500 条' })
  ids?: string[];
}

/**
 * The caller's organisation's notifications (its own only, not its subtree's), for its business
 * roles only (administrator, editors, reviewers): a leader, an assessor or an auditor of the
 * organisation reads none and marks none read. The one exception is the audit alerts (kind
 * AUDIT_ALERT, written by the nightly verification of the audit trail): only the organisation's
 * audit administrator reads them, through `auditAlerts`, and business roles never see them.
 */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly repo: NotificationsRepository,
  ) {}

  async list(scope: Scope, f: NotificationsFilterInput): Promise<NotificationPageDto> {
    return this.page(scope, f, false);
  }

  /** The audit administrator's audit alerts (a failed nightly verification), its organisation's. */
  async auditAlerts(scope: Scope, f: NotificationsFilterInput): Promise<NotificationPageDto> {
    return this.page(scope, f, true);
  }

  private async page(
    scope: Scope,
    f: NotificationsFilterInput,
    audit: boolean,
  ): Promise<NotificationPageDto> {
    if (notificationAudience(scope.roles) !== (audit ? 'audit' : 'business')) {
      return { items: [], total: 0, unread: 0 };
    }
    const rows = await this.db.run(scope, (m) =>
      this.repo.page(m, {
        audit,
        organizationId: scope.organizationId,
        unreadOnly: f.unreadOnly === true,
        limit: f.limit ?? 20,
        offset: f.offset ?? 0,
      }),
    );
    return {
      items: rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        title: r.title,
        body: r.body,
        link: r.link,
        createdAt: r.created_at,
        readAt: r.read_at,
      })),
      total: rows[0]?.total ?? 0,
      unread: rows[0]?.unread ?? 0,
    };
  }

  async markRead(scope: Scope, ids?: string[], audit = false): Promise<number> {
    const audience = notificationAudience(scope.roles);
    if (audience !== (audit ? 'audit' : 'business')) {
      throw AppError.forbidden(
        'NOT_NOTIFICATION_HANDLER',
        '只有本单位的管理员、填报员和审核人可以处理通知',
      );
    }
    return this.db.run(scope, (m) => this.repo.markRead(m, scope.organizationId, audit, ids));
  }
}

@Resolver(() => NotificationDto)
export class NotificationsResolver {
  constructor(private readonly service: NotificationsService) {}

  @Query(() => NotificationPageDto, { description: '本单位的站内通知' })
  notifications(
    @CurrentScope() scope: Scope,
    @Args('filter', { type: () => NotificationsFilterInput, nullable: true })
    filter?: NotificationsFilterInput,
  ): Promise<NotificationPageDto> {
    return this.service.list(scope, filter ?? {});
  }

  @Mutation(() => Int, { description: '标为已读，返回更新条数' })
  markNotificationsRead(
    @Args('input') input: MarkNotificationsReadInput,
    @CurrentScope() scope: Scope,
  ): Promise<number> {
    return this.service.markRead(scope, input.ids);
  }

  @Query(() => NotificationPageDto, {
    description: '审计告警：夜间校验发现审计日志异常时发给本单位审计管理员的通知（仅审计管理员）',
  })
  @Roles(Role.AUDITOR)
  auditAlerts(
    @CurrentScope() scope: Scope,
    @Args('filter', { type: () => NotificationsFilterInput, nullable: true })
    filter?: NotificationsFilterInput,
  ): Promise<NotificationPageDto> {
    return this.service.auditAlerts(scope, filter ?? {});
  }

  @Mutation(() => Int, { description: '把审计告警标为已读，返回更新条数（仅审计管理员）' })
  @Roles(Role.AUDITOR)
  markAuditAlertsRead(
    @Args('input') input: MarkNotificationsReadInput,
    @CurrentScope() scope: Scope,
  ): Promise<number> {
    return this.service.markRead(scope, input.ids, true);
  }
}

/** Global only for the NotificationSink port (plans and reporting notify without importing this feature). */
@Global()
@Module({
  providers: [
    NotificationsRepository,
    NotificationsService,
    NotificationsResolver,
    NotificationWriter,
    { provide: NotificationSink, useExisting: NotificationWriter },
  ],
  exports: [NotificationSink],
})
export class NotificationsModule {}
