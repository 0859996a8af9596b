import { applyDecorators } from '@nestjs/common';
import { Extensions, Field, Int } from '@nestjs/graphql';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { PAGE_SIZE_EXTENSION, type PageSize } from './limits';

/** Largest offset any list accepts: deep enough for every real list, shallow enough to be cheap. */
export const MAX_OFFSET = 100_000;

/**
 * The `limit` input field of a paged list: optional, 1..max, and carrying its page size in the
 * schema so that the query cost counts the real number of items.
 */
export function PageLimit(size: PageSize): PropertyDecorator {
  return applyDecorators(
    Field(() => Int, {
      nullable: true,
      description: `每页条数，默认 ${size.default}，最多 ${size.max}`,
    }),
    Extensions({ [PAGE_SIZE_EXTENSION]: size }),
    IsOptional(),
    IsInt({ message: '每页条数须为整数' }),
    Min(1, { message: '每页至少 1 条' }),
    Max(size.max, { message: `每页最多 ${size.max} 条` }),
  );
}

/** The `offset` input field of a paged list. */
export function PageOffset(): PropertyDecorator {
  return applyDecorators(
    Field(() => Int, { nullable: true }),
    IsOptional(),
    IsInt({ message: '偏移量须为整数' }),
    Min(0, { message: '偏移量不能为负' }),
    Max(MAX_OFFSET, { message: `偏移量不能超过 ${MAX_OFFSET}` }),
  );
}
