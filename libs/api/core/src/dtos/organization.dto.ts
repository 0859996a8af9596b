import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { OrgLevel, Role } from '@sunshine/shared/domain';
import type { OrganizationEntity } from '../entities/organization.entity';

registerEnumType(OrgLevel, { name: 'OrgLevel', description: '单位层级' });
registerEnumType(Role, { name: 'Role', description: '角色' });

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

  static from(entity: OrganizationEntity): OrganizationDto {
    const dto = new OrganizationDto();
    dto.id = entity.id;
    dto.code = entity.code;
    dto.name = entity.name;
    dto.level = entity.level;
    dto.parentId = entity.parentId;
    return dto;
  }
}
