import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { encodeCursor, idCursor, invalidCursor, keysetCursor } from '../domain/paging/cursor';
import { IsQueryInteger } from './validators/query-integer.validator';

/** `?limit=&cursor=` keyset paging. Extend it for list endpoints with filters. */
export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @IsQueryInteger()
  @Min(1)
  @Max(200)
  limit: number = 50;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}

/** Response envelope of every list: `{ items, nextCursor }`; nextCursor null on the last page. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * The cursor as read by `parse` (one of src/domain/paging/cursor.ts); anything it refuses is
 * 400 INVALID_CURSOR, never a query with it.
 */
export function parseCursor<T>(cursor: string, parse: (cursor: string) => T | undefined): T {
  const key = parse(cursor);
  if (key === undefined) throw invalidCursor();
  return key;
}

/** Decodes a `[sort value, uuid]` cursor issued by a list of this API (400 otherwise). */
export function keysetAfter(cursor: string | undefined): [string, string] | undefined {
  return cursor === undefined ? undefined : parseCursor(cursor, keysetCursor);
}

/** Decodes a `[uuid]` cursor (lists sorted by personal data; 400 otherwise). */
export function idAfter(cursor: string | undefined): string | undefined {
  return cursor === undefined ? undefined : parseCursor(cursor, idCursor);
}

/**
 * Builds a page from `limit + 1` fetched rows: the extra row only tells that more exist.
 */
export function toPage<R, T>(
  rows: R[],
  limit: number,
  map: (row: R) => T,
  keyOf: (row: R) => (string | number)[],
): Page<T> {
  const items = rows.slice(0, limit);
  const more = rows.length > limit;
  return {
    items: items.map(map),
    nextCursor: more ? encodeCursor(keyOf(items[items.length - 1])) : null,
  };
}

/** For OpenAPI: `class ClinicPageDto extends PageDto(ClinicDto) {}`. */
export function PageDto<T>(item: new () => T) {
  class PageOf {
    @ApiProperty({ type: item, isArray: true })
    items: T[];

    @ApiProperty({ type: String, nullable: true })
    nextCursor: string | null;
  }
  return PageOf;
}
