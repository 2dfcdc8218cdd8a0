import { ValidationError } from '../../src/domain/errors';
import type { CreateEnrollmentDto } from '../../src/dtos/enrollment.dto';
import { CohortService } from '../../src/services/cohort.service';
import { EnrollmentService } from '../../src/services/enrollment.service';
import { PatientService } from '../../src/services/patient.service';
import {
  createPatient,
  ivDefinition,
  post,
  publishedIvProtocol,
  seedIvCatalog,
} from '../factories/clinic-catalog';
import type { TestClinic } from '../harness/test-app';
import { useTestApp } from '../harness/test-app';

/**
 * EnrollmentService on a real database: the references it checks (patient, protocol version,
 * cohort) are read through their repositories inside the write's transaction, and a refused
 * write leaves neither an enrollment nor an audit row.
 */
describe('EnrollmentService', () => {
  const t = useTestApp();
  const service = () => t().get(EnrollmentService);

  async function setup() {
    const clinic = await t().createClinic();
    await seedIvCatalog(clinic);
    const protocol = await publishedIvProtocol(clinic);
    const patient = await createPatient(clinic);
    const input: CreateEnrollmentDto = {
      patientId: patient.id,
      protocolId: protocol.id,
      version: 1,
      earliestStart: '2027-03-01',
      latestEnd: '2027-03-31',
    };
    return { clinic, protocol, patient, input };
  }

  const counts = async (clinic: TestClinic) => {
    const [row] = await t().dataSource.query(
      `SELECT (SELECT count(*) FROM enrollment WHERE clinic_id = $1)::int AS enrollments,
              (SELECT count(*) FROM audit_log
                WHERE clinic_id = $1 AND entity_type = 'enrollment')::int AS audits`,
      [clinic.id],
    );
    return row as { enrollments: number; audits: number };
  };

  /** The issues of the ValidationError the call rejects with, as `pointer code`. */
  async function issuesOf(call: Promise<unknown>): Promise<string[]> {
    const error = await call.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).issues.map((i) => `${i.pointer} ${i.code}`);
  }

  it('pins the published version and audits the new enrollment in the same transaction', async () => {
    const { clinic, protocol, patient, input } = await setup();
    const created = await service().create(clinic.actor, { ...input, counts: { dose: 8 } });
    expect(created).toMatchObject({
      patientId: patient.id,
      protocolId: protocol.id,
      version: 1,
      counts: { dose: 8 },
      status: 'active',
      cohortId: null,
    });
    expect(await service().get(clinic.actor, created.id)).toEqual(created);
    expect(await counts(clinic)).toEqual({ enrollments: 1, audits: 1 });
    const [audit] = await t().dataSource.query(
      `SELECT action, entity_id, after FROM audit_log WHERE entity_type = 'enrollment'`,
    );
    expect(audit).toMatchObject({ action: 'create', entity_id: created.id });
    expect(audit.after).toMatchObject({ id: created.id, version: 1, counts: { dose: 8 } });
  });

  it("reports every problem at once and writes nothing: another clinic's patient, a missing version, a reversed range", async () => {
    const { clinic, input } = await setup();
    const other = await t().createClinic();
    const foreignPatient = await createPatient(other);
    const issues = await issuesOf(
      service().create(clinic.actor, {
        ...input,
        patientId: foreignPatient.id,
        version: 2,
        latestEnd: '2027-02-01',
      }),
    );
    expect(issues).toEqual([
      '/patientId UNKNOWN_REFERENCE',
      '/version UNKNOWN_REFERENCE',
      '/latestEnd RANGE_REVERSED',
    ]);
    expect(await counts(clinic)).toEqual({ enrollments: 0, audits: 0 });
  });

  it('refuses an archived patient and a draft version', async () => {
    const { clinic, patient, input } = await setup();
    await t().get(PatientService).archive(clinic.actor, patient.id);
    const draft = await post(clinic.as('director'), '/v1/protocols', {
      code: 'iv-draft',
      name: 'IV draft',
      definition: ivDefinition(),
    });
    const issues = await issuesOf(
      service().create(clinic.actor, { ...input, protocolId: draft.id, version: 1 }),
    );
    expect(issues).toEqual([
      '/patientId PATIENT_ARCHIVED',
      '/version PROTOCOL_VERSION_NOT_PUBLISHED',
    ]);
    expect(await counts(clinic)).toEqual({ enrollments: 0, audits: 0 });
  });

  it("checks the cohort: another clinic's is unknown, one for another protocol is refused", async () => {
    const { clinic, input } = await setup();
    const other = await t().createClinic();
    const cohorts = t().get(CohortService);
    const dates = { startDate: '2027-03-01', endDate: '2027-03-31' };
    const foreign = await cohorts.create(other.actor, { name: 'Elsewhere', ...dates });
    const otherProtocol = await publishedIvProtocol(clinic, 'iv-other');
    const mismatched = await cohorts.create(clinic.actor, {
      name: 'March IV other',
      protocolId: otherProtocol.id,
      ...dates,
    });

    expect(
      await issuesOf(service().create(clinic.actor, { ...input, cohortId: foreign.id })),
    ).toEqual(['/cohortId UNKNOWN_REFERENCE']);
    expect(
      await issuesOf(service().create(clinic.actor, { ...input, cohortId: mismatched.id })),
    ).toEqual(['/cohortId COHORT_PROTOCOL_MISMATCH']);
    expect(await counts(clinic)).toEqual({ enrollments: 0, audits: 0 });

    const created = await service().create(clinic.actor, {
      ...input,
      protocolId: otherProtocol.id,
      cohortId: mismatched.id,
    });
    expect(created.cohortId).toBe(mismatched.id);
  });

  it('keeps the pinned version when an update does not name one, and audits before and after', async () => {
    const { clinic, input } = await setup();
    const created = await service().create(clinic.actor, input);
    const updated = await service().update(clinic.actor, created.id, {
      latestEnd: '2027-04-15',
      status: 'completed',
    });
    expect(updated).toMatchObject({ version: 1, latestEnd: '2027-04-15', status: 'completed' });
    const rows = await t().dataSource.query(
      `SELECT action, before, after FROM audit_log WHERE entity_type = 'enrollment' ORDER BY id`,
    );
    expect(rows.map((r: { action: string }) => r.action)).toEqual(['create', 'update']);
    expect(rows[1].before).toMatchObject({ latestEnd: '2027-03-31', status: 'active' });
    expect(rows[1].after).toMatchObject({ latestEnd: '2027-04-15', status: 'completed' });
  });
});
