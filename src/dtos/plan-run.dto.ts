import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsUUID,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';
import type { Proposal } from '../domain/plan-runs/proposal';
import type { Solution } from '../domain/planning/format';
import type { SolveProgress } from '../domain/planning/solve';
import {
  PLAN_RUN_STATUSES,
  type PlanRunEntity,
  type PlanRunRequest,
  type PlanRunStatus,
} from '../entities/plan-run.entity';
import { PageDto, PageQueryDto } from './page.dto';
import { ExactlyOneOf, MaxItems, MinItems, NoRepeats } from './validators';

/** Longest solve a plan run may ask for (a background job: longer than the stateless 30 s). */
export const PLAN_RUN_MAX_TIME_LIMIT_MS = 120_000;
export const PLAN_RUN_DEFAULT_TIME_LIMIT_MS = 10_000;

/** `POST /v1/plan-runs`: a cohort or a list of enrollments, exactly one. */
export class CreatePlanRunDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Plan the cohort’s active enrollments' })
  @ValidateIf((o: CreatePlanRunDto) => o.cohortId !== undefined || o.enrollmentIds === undefined)
  @ExactlyOneOf(['cohortId', 'enrollmentIds'])
  @IsUUID()
  cohortId?: string;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    description: 'Plan these enrollments (a repair run: exactly one)',
    maxItems: 500,
  })
  @ValidateIf((o: CreatePlanRunDto) => o.enrollmentIds !== undefined)
  @IsUUID('all', { each: true })
  @NoRepeats({ noun: 'id' })
  @MaxItems(500, { noun: 'id' })
  @MinItems(1, { noun: 'id' })
  @IsArray()
  enrollmentIds?: string[];

  @ApiPropertyOptional({
    minimum: 100,
    maximum: PLAN_RUN_MAX_TIME_LIMIT_MS,
    default: PLAN_RUN_DEFAULT_TIME_LIMIT_MS,
  })
  @Max(PLAN_RUN_MAX_TIME_LIMIT_MS)
  @Min(100)
  @IsInt()
  @IsOptional()
  timeLimitMs?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 2 ** 31 - 1, description: 'Fixes every choice' })
  @Max(2 ** 31 - 1)
  @Min(0)
  @IsInt()
  @IsOptional()
  seed?: number;

  @ApiPropertyOptional({
    default: false,
    description:
      'Re-plan one enrollment: done sessions kept, booked ones kept if possible, the rest after now; the run shows the diff',
  })
  @IsBoolean()
  @IsOptional()
  repair?: boolean;
}

export class PlanRunListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: PLAN_RUN_STATUSES })
  @IsIn(PLAN_RUN_STATUSES)
  @IsOptional()
  status?: PlanRunStatus;
}

export class PlanRunProgressDto {
  @ApiProperty() elapsedMs: number;
  @ApiProperty() patientsPlaced: number;
  @ApiProperty() patientsTotal: number;
  @ApiProperty({ type: Object, nullable: true, description: 'Best score so far' })
  bestScore: SolveProgress['bestScore'];
}

export class PlanRunResultDto {
  @ApiProperty({ enum: ['complete', 'partial', 'none'] })
  status: Solution['status'];
  @ApiProperty({ type: Object }) score: Solution['score'];
  @ApiProperty({ type: Object }) stats: Solution['stats'];
  @ApiProperty({
    type: Object,
    isArray: true,
    description:
      'Proposed appointments with ids and names; change: added | kept | moved | done (kept ones with previousIndex when renumbered)',
  })
  appointments: Proposal['appointments'];
  @ApiProperty({
    type: Object,
    isArray: true,
    description:
      'Booked appointments the plan drops (start with the clinic offset, as every instant here); reason when its protocol version has no place for it',
  })
  removed: Proposal['removed'];
  @ApiProperty({
    type: Object,
    isArray: true,
    description: 'Booked appointments the plan moves: { id, from, to }, with the clinic offset',
  })
  moved: Proposal['moved'];
  @ApiProperty({ type: Object, isArray: true, description: 'Patients left out, with reasons' })
  unscheduled: Proposal['unscheduled'];
  @ApiProperty({
    type: Object,
    isArray: true,
    description:
      'Appointments of the run its protocol version has no place for (series removed: SERIES_REMOVED; index beyond the count: INDEX_OUT_OF_RANGE), left out of the plan: { id, enrollmentId, patient, series, index, status, start, cause, message, cancel }; booked ones are also in removed (cancel: true) unless their patient is unscheduled; completed ones stay as history (cancel: false)',
  })
  outsideProtocol: Proposal['outsideProtocol'];
  @ApiProperty({ type: Object }) counts: Proposal['counts'];
  @ApiProperty({
    type: Object,
    isArray: true,
    description:
      'Courses planned under a director\'s approved overrides: { enrollmentId, patient, exceptions } with each relaxed rule in words (e.g. "dose: gapHours.min 44 h → 41 h"); the plan may use them again within that course',
  })
  approvedExceptions: Proposal['approvedExceptions'];
}

export class PlanRunDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: PLAN_RUN_STATUSES }) status: PlanRunStatus;
  @ApiProperty({ type: Object }) request: PlanRunRequest;
  @ApiProperty({ type: PlanRunProgressDto, nullable: true }) progress: PlanRunProgressDto | null;
  @ApiProperty({ type: PlanRunResultDto, nullable: true, description: 'Once succeeded' })
  result: PlanRunResultDto | null;
  @ApiProperty({ type: Object, nullable: true, description: '{ code, message, errors? }' })
  error: unknown;
  @ApiProperty() attempts: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) startedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finishedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) committedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: string;
}

export class PlanRunPageDto extends PageDto(PlanRunDto) {}

/** `POST /v1/plan-runs/{id}/commit`: what was written. */
export class PlanRunCommitDto {
  @ApiProperty({ type: PlanRunDto }) run: PlanRunDto;
  @ApiProperty({ type: [String], description: 'Ids of the appointments booked' })
  booked: string[];
  @ApiProperty({
    type: [String],
    description: 'Ids of the appointments cancelled (moved or removed)',
  })
  cancelled: string[];
  @ApiProperty({ type: [String], description: 'Ids of kept appointments given another index' })
  renumbered: string[];
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toPlanRunDto(row: PlanRunEntity, result: PlanRunResultDto | null): PlanRunDto {
  return {
    id: row.id,
    status: row.status,
    request: row.request,
    progress: row.status === 'running' ? ((row.progress as PlanRunProgressDto) ?? null) : null,
    result,
    error: row.error ?? null,
    attempts: row.attempts,
    startedAt: iso(row.startedAt),
    finishedAt: iso(row.finishedAt),
    committedAt: iso(row.committedAt),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toPlanRunResult(solution: Solution, proposal: Proposal): PlanRunResultDto {
  return {
    status: solution.status,
    score: solution.score,
    stats: solution.stats,
    ...proposal,
  };
}
