import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { RequestValidationError } from '../domain/errors';

/** `?limit=&cursor=` keyset paging. Extend it for list endpoints with filters. */
export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
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

/** Opaque cursor holding the sort key of the last item returned. */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): (string | number)[] {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.every((k) => typeof k === 'string' || typeof k === 'number')) {
      return key;
    }
  } catch {
    // fall through
  }
  throw invalidCursor();
}

/** 400 with pointer /cursor (query parameters are addressed as fields of the query). */
export function invalidCursor(): RequestValidationError {
  return new RequestValidationError([
    { pointer: '/cursor', code: 'INVALID_CURSOR', message: 'cursor is not one this API issued' },
  ]);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Decodes a `[sort value, uuid]` cursor issued by a list of this API (400 otherwise). */
export function keysetAfter(cursor: string | undefined): [string, string] | undefined {
  if (cursor === undefined) return undefined;
  const key = decodeCursor(cursor);
  if (key.length !== 2 || typeof key[0] !== 'string' || typeof key[1] !== 'string') {
    throw invalidCursor();
  }
  if (!UUID.test(key[1])) throw invalidCursor();
  return [key[0], key[1]];
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
