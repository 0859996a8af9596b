import { Injectable } from '@nestjs/common';
import { AppError, TenantDatabase, type Scope } from '@sunshine/api/core';
import { ORG_LEVEL_ORDER } from '@sunshine/shared/domain';
import type { OrganizationEntity } from './entities/organization.entity';
import { OrganizationsRepository } from './organizations.repository';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Injectable()
export class OrganizationsService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly repo: OrganizationsRepository,
  ) {}

  /** The caller's visible subtree, top-down by level then code. */
  async list(scope: Scope): Promise<OrganizationEntity[]> {
    const visible = await this.db.visibleOrgIds(scope);
    const rows = await this.db.run(scope, (m) => this.repo.list(m, visible));
    return rows.sort(
      (a, b) =>
        ORG_LEVEL_ORDER.indexOf(a.level) - ORG_LEVEL_ORDER.indexOf(b.level) ||
        a.code.localeCompare(b.code),
    );
  }

  /** One organisation; NOT_FOUND for anything outside the subtree, so existence is not revealed. */
  async get(scope: Scope, id: string): Promise<OrganizationEntity> {
    if (!UUID.test(id)) throw AppError.notFound();
    await this.db.assertVisible(scope, id);
    const org = await this.db.run(scope, (m) => this.repo.find(m, id));
    if (!org) throw AppError.notFound();
    return org;
  }
}
