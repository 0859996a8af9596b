import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OrganizationEntity } from './entities/organization.entity';

/** Organisations (the organisations feature's own table). Every method runs in the caller's transaction. */
@Injectable()
export class OrganizationsRepository {
  /** Visible organisations by code, optionally limited to a set of ids (code-level tenancy). */
  list(m: EntityManager, onlyIds: string[] | null): Promise<OrganizationEntity[]> {
    const qb = m.getRepository(OrganizationEntity).createQueryBuilder('o');
    if (onlyIds) qb.where('o.id = ANY(:visible)', { visible: onlyIds });
    return qb.orderBy('o.code', 'ASC').getMany();
  }

  find(m: EntityManager, id: string): Promise<OrganizationEntity | null> {
    return m.getRepository(OrganizationEntity).findOne({ where: { id } });
  }
}
