import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export class PageQueryDto {
  /** Items per page, 1 to 200. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  /** `nextCursor` of the previous page. */
  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;
}
