import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddPlanRuns1796161241395 implements MigrationInterface {
  name = 'AddPlanRuns1796161241395';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "plan_run" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "clinic_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "status" character varying(20) NOT NULL DEFAULT 'queued', "request" jsonb NOT NULL, "problem" jsonb NOT NULL, "names" jsonb NOT NULL, "fingerprint" jsonb NOT NULL, "progress" jsonb, "solution" jsonb, "error" jsonb, "attempts" integer NOT NULL DEFAULT '0', "lease_owner" character varying(64), "lease_until" TIMESTAMP WITH TIME ZONE, "started_at" TIMESTAMP WITH TIME ZONE, "finished_at" TIMESTAMP WITH TIME ZONE, "committed_at" TIMESTAMP WITH TIME ZONE, "created_by_key_id" uuid, CONSTRAINT "plan_run_status_check" CHECK ("status" IN ('queued', 'running', 'succeeded', 'failed', 'committed', 'stale')), CONSTRAINT "PK_343d555d39ffbd189ef2adcfb19" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_182aa91b18a55383aa7ad48ea3" ON "plan_run"  ("status", "created_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_13e833d7958bdc0c3cac98db3d" ON "plan_run"  ("clinic_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "plan_run" ADD CONSTRAINT "FK_5df24cc9cf2e1a62df6120c8482" FOREIGN KEY ("clinic_id") REFERENCES "clinic"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "plan_run" DROP CONSTRAINT "FK_5df24cc9cf2e1a62df6120c8482"`,
    );
    await queryRunner.query(`DROP INDEX "public"."IDX_13e833d7958bdc0c3cac98db3d"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_182aa91b18a55383aa7ad48ea3"`);
    await queryRunner.query(`DROP TABLE "plan_run"`);
  }
}
