import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { AnySignedIn, CurrentScope, OrganizationDto, type Scope } from '@sunshine/api/core';
import { OrganizationsService } from './organizations.service';

/** The organisation tree: every account needs it (the auditor filters the trail by it). */
@Resolver(() => OrganizationDto)
@AnySignedIn()
export class OrganizationsResolver {
  constructor(private readonly service: OrganizationsService) {}

  @Query(() => [OrganizationDto], { description: '本单位及其下级单位（平铺列表）' })
  async organizations(@CurrentScope() scope: Scope): Promise<OrganizationDto[]> {
    return (await this.service.list(scope)).map((o) => OrganizationDto.from(o));
  }

  @Query(() => OrganizationDto, { description: '单个单位；不在本单位管辖范围内时返回 NOT_FOUND' })
  async organization(
    @Args('id', { type: () => ID }) id: string,
    @CurrentScope() scope: Scope,
  ): Promise<OrganizationDto> {
    return OrganizationDto.from(await this.service.get(scope, id));
  }
}
