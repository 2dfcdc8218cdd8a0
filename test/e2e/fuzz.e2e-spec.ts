import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import {
  ivDefinition,
  post,
  publishedIvProtocol,
  seedIvCatalog,
  createPatient,
} from '../factories/clinic-catalog';
import { runFuzz } from '../fuzz/openapi-fuzz';
import { craftedCursors, type FuzzPools } from '../fuzz/fuzz-values';
import { examplesOf, operationsOf } from '../fuzz/openapi-spec';
import type { TestClinic } from '../harness/test-app';
import { useTestApp } from '../harness/test-app';

/**
 * A bounded, seeded run of the OpenAPI fuzzer (test/fuzz/openapi-fuzz.ts) over every operation
 * of docs/openapi.json: no 5xx, every 4xx a problem+json with a code, nothing written by a
 * refused request. `npm run fuzz` runs it longer (FUZZ_REQUESTS, FUZZ_SEED).
 */
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 2000);
const SEED = Number(process.env.FUZZ_SEED ?? 20270301);
const spec = JSON.parse(readFileSync(join(__dirname, '../../docs/openapi.json'), 'utf8'));

describe(`OpenAPI fuzz (${REQUESTS} requests, seed ${SEED})`, () => {
  // No plan-run worker: it would write plan_run rows on its own, between requests whose
  // "changed nothing" the fuzzer checks; and no queue limit (a 503 would count as a failure).
  const t = useTestApp({ config: { planRunPollMs: 0, planRunQueuePerClinic: 1_000_000 } });

  async function setup(clinic: TestClinic): Promise<FuzzPools> {
    const director = clinic.as('director');
    await seedIvCatalog(clinic);
    const protocol = await publishedIvProtocol(clinic);
    const patient = await createPatient(clinic);
    const enrollment = await post(director, '/v1/enrollments', {
      patientId: patient.id,
      protocolId: protocol.id,
      version: 1,
      earliestStart: '2027-03-01',
      latestEnd: '2027-03-31',
    });
    const cohort = await post(director, '/v1/cohorts', {
      name: 'Fuzz cohort',
      startDate: '2027-03-01',
      endDate: '2027-03-31',
    });
    const spareKey = await post(director, '/v1/api-keys', { name: 'spare', role: 'frontdesk' });
    const ids = async (path: string) =>
      ((await director.get(`${path}?limit=200&includeArchived=true`)).body.items ?? []).map(
        (i: { id: string }) => i.id,
      ) as string[];
    const idsByPrefix = new Map<string, string[]>([
      ['/v1/staff', await ids('/v1/staff')],
      ['/v1/rooms', await ids('/v1/rooms')],
      ['/v1/session-types', await ids('/v1/session-types')],
      ['/v1/protocols', [protocol.id]],
      ['/v1/patients', [patient.id]],
      ['/v1/enrollments', [enrollment.id]],
      ['/v1/cohorts', [cohort.id]],
      ['/v1/api-keys', [spareKey.id]],
      ['/v1/clinics', [clinic.id]],
      [
        '/v1/protocol-templates',
        (await director.get('/v1/protocol-templates')).body.items.map((i: { id: string }) => i.id),
      ],
    ]);
    const problem = JSON.parse(
      readFileSync(join(__dirname, '../fixtures/examples/retreat-3-day.json'), 'utf8'),
    );
    const definition = ivDefinition() as never;
    return {
      idsByPrefix,
      allIds: [...idsByPrefix.values()].flat(),
      cursors: craftedCursors(),
      examples: examplesOf(spec),
      bodies: new Map([
        ['POST /v1/plans/solve', [problem]],
        ['POST /v1/protocols', [{ code: 'fuzz-protocol', name: 'Fuzz', definition }]],
        ['PUT /v1/protocols/{id}/versions/{v}', [{ definition }]],
        [
          'POST /v1/enrollments',
          [
            {
              patientId: patient.id,
              protocolId: protocol.id,
              version: 1,
              counts: { dose: 7 },
              earliestStart: '2027-04-01',
              latestEnd: '2027-04-30',
              unavailable: [{ start: '2027-04-09T12:00', end: '2027-04-09T18:00' }],
            },
          ],
        ],
        [
          'POST /v1/staff',
          [
            {
              name: 'Fuzz staff',
              roles: ['rn'],
              availability: [{ rrule: 'FREQ=WEEKLY;BYDAY=MO', start: '08:00', end: '12:00' }],
              timeOff: [{ start: '2027-03-10T00:00', end: '2027-03-11T00:00' }],
              limits: { maxSessionsPerDay: 3 },
            },
          ],
        ],
        [
          'POST /v1/session-types',
          [
            {
              code: 'fuzz-type',
              name: 'Fuzz type',
              durationMinutes: 90,
              room: { features: ['therapy'] },
              staff: [{ role: 'rn', count: 1, offsetMinutes: 0, durationMinutes: 30 }],
            },
          ],
        ],
      ]),
    };
  }

  it(
    'no 5xx; every 4xx is problem+json with a code; refused requests write nothing',
    async () => {
      const clinic = await t().createClinic();
      const pools = await setup(clinic);
      const server = t().app.getHttpServer();
      const run = await runFuzz(
        spec,
        {
          dataSource: t().dataSource,
          agentFor: (role) => {
            if (role === 'none') return t().http;
            if (role === 'bad-key') {
              return request.agent(server).set('Authorization', 'Bearer kps_not-a-real-key');
            }
            return clinic.as(role);
          },
        },
        pools,
        { count: REQUESTS, seed: SEED },
      );
      if (process.env.FUZZ_REPORT) {
        console.log(JSON.stringify({ byStatus: Object.fromEntries(run.byStatus) }));
      }
      expect(run.failures).toEqual([]);
      // Every operation was exercised, and generation is not all noise: some requests passed.
      expect(run.byOperation.size).toBe(operationsOf(spec).length);
      const passed = [...run.byStatus].filter(([s]) => s < 300).reduce((n, [, c]) => n + c, 0);
      expect(passed).toBeGreaterThan(REQUESTS / 20);
    },
    60_000 + REQUESTS * 200,
  );
});
