import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { FORMAT_VERSIONS } from '../domain/planning/format';

/**
 * OpenAPI descriptions of the planning documents. The documents are validated by the
 * planner's own input checker (src/domain/planning/problem-check), which reports every
 * problem by JSON pointer, so no class-validator DTO duplicates the format here.
 */
export const PLAN_PROBLEM_SCHEMA: SchemaObject = {
  type: 'object',
  description: 'Planning document format 1 or 1.1: a problem (see docs/planning-format.md).',
  required: [
    'formatVersion',
    'clinic',
    'horizon',
    'staff',
    'rooms',
    'sessionTypes',
    'protocols',
    'patients',
  ],
  properties: {
    formatVersion: { type: 'number', enum: [...FORMAT_VERSIONS] },
    clinic: { type: 'object' },
    horizon: { type: 'object' },
    now: {
      type: 'string',
      example: '2027-03-17T12:00',
      description:
        'Format 1.1: local date-time; every session that is not done or pinned starts at or after it',
    },
    staff: { type: 'array', items: { type: 'object' } },
    rooms: { type: 'array', items: { type: 'object' } },
    sessionTypes: { type: 'array', items: { type: 'object' } },
    protocols: { type: 'array', items: { type: 'object' } },
    patients: { type: 'array', items: { type: 'object' } },
    existing: {
      type: 'array',
      items: { type: 'object' },
      description:
        'Bookings already made: mode "pinned" or "keepIfPossible"; format 1.1 adds "done" and "missed"',
    },
    busy: { type: 'array', items: { type: 'object' } },
    options: {
      type: 'object',
      properties: { timeLimitMs: { type: 'integer', maximum: 30000 }, seed: { type: 'integer' } },
    },
  },
};

export const PLAN_SOLUTION_SCHEMA: SchemaObject = {
  type: 'object',
  description: "Planning document format 1 or 1.1 (the problem's): a solution.",
  required: ['formatVersion', 'status', 'appointments', 'unscheduled', 'score', 'stats'],
  properties: {
    formatVersion: { type: 'number', enum: [...FORMAT_VERSIONS] },
    status: { type: 'string', enum: ['complete', 'partial', 'none'] },
    appointments: { type: 'array', items: { type: 'object' } },
    unscheduled: { type: 'array', items: { type: 'object' } },
    missed: {
      type: 'array',
      items: { type: 'object' },
      description: "Format 1.1: the problem's missed records, unchanged",
    },
    score: {
      type: 'object',
      properties: {
        scheduledPatients: { type: 'integer' },
        movedAppointments: { type: 'integer' },
        continuityBreaks: { type: 'integer' },
        completionDays: { type: 'integer' },
      },
    },
    stats: {
      type: 'object',
      properties: {
        elapsedMs: { type: 'integer' },
        proof: { type: 'string', enum: ['optimal', 'feasible', 'infeasible', 'unknown'] },
        bound: {
          type: 'object',
          description: 'Upper bound on the patients any solution can schedule (≥ the score).',
          properties: { scheduledPatients: { type: 'integer' } },
        },
      },
    },
  },
};
