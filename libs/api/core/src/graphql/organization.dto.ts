import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { OrgLevel, Role } from '@sunshine/shared/domain';

registerEnumType(OrgLevel, { name: 'OrgLevel', description: '单位层级' });
registerEnumType(Role, { name: 'Role', description: '角色' });

/** The fields of an organisation that other features show (the organizations feature owns the table). */
export interface OrganizationRecord {
  id: string;
  code: string;
  name: string;
  level: OrgLevel;
  parentId: string | null;
}

/**
 * The GraphQL `Organization` type. It stays in core because several features embed it in their
 * own types (Me, User, reports, the overview) and features never import each other; the
 * organizations feature owns the table, the entity and the queries that list organisations.
 */
@ObjectType('Organization', { description: '单位（审计机关）' })
export class OrganizationDto {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: '行政区划代码' })
  code!: string;

  @Field(() => String)
  name!: string;

  @Field(() => OrgLevel)
  level!: OrgLevel;

  @Field(() => ID, { nullable: true })
  parentId!: string | null;

  static from(record: OrganizationRecord): OrganizationDto {
    const dto = new OrganizationDto();
    dto.id = record.id;
    dto.code = record.code;
    dto.name = record.name;
    dto.level = record.level;
    dto.parentId = record.parentId;
    return dto;
  }
}
