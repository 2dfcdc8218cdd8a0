import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { PageQueryDto } from './page.dto';

/** `?limit=&cursor=&includeArchived=true` for catalog lists (staff, rooms, session types). */
export class ArchivableListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ default: false, description: 'Also list archived records' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    value === 'true' ? true : value === 'false' ? false : value,
  )
  @IsBoolean()
  includeArchived: boolean = false;
}
