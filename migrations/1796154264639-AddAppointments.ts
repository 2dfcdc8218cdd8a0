import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddAppointments1796154264639 implements MigrationInterface {
  name = 'AddAppointments1796154264639';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // resource_booking's two exclusion constraints (btree_gist, installed by Initial) keep
    // rooms, staff and patients free of double bookings: docs/architecture.md, "Bookings
    // and lanes". Generated from the entities' @Exclusion decorators.
    await queryRunner.query(
      `CREATE TABLE "appointment" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "clinic_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "enrollment_id" uuid NOT NULL, "patient_id" uuid NOT NULL, "series_id" character varying(64) NOT NULL, "index" integer NOT NULL, "session_type_id" uuid NOT NULL, "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL, "room_id" uuid, "status" character varying(20) NOT NULL DEFAULT 'booked', "status_reason" character varying(500), "occurrence_id" uuid, "version" integer NOT NULL DEFAULT '1', "sequence" integer NOT NULL DEFAULT '0', "uid" uuid NOT NULL DEFAULT gen_random_uuid(), CONSTRAINT "appointment_index_check" CHECK ("index" >= 1), CONSTRAINT "appointment_times_check" CHECK ("ends_at" > "starts_at"), CONSTRAINT "appointment_status_check" CHECK ("status" IN ('booked', 'completed', 'missed', 'cancelled')), CONSTRAINT "PK_e8be1a53027415e709ce8a2db74" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_3add61f4281260354ed7c7f842" ON "appointment"  ("uid") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "appointment_one_per_index" ON "appointment"  ("enrollment_id", "series_id", "index") WHERE "status" IN ('booked', 'completed')`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_fa3a5e153ad431998fc5093213" ON "appointment"  ("room_id", "starts_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_42816e92273b561cfbe9eb5403" ON "appointment"  ("patient_id", "starts_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_8d3022aa5adcb24f6a6db92651" ON "appointment"  ("enrollment_id", "starts_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_11c5fe49bd2f4b6345b540d6c5" ON "appointment"  ("clinic_id", "starts_at", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "appointment_staff" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "clinic_id" uuid NOT NULL, "appointment_id" uuid NOT NULL, "staff_id" uuid NOT NULL, "role" character varying(100) NOT NULL, "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL, "mode" character varying(10) NOT NULL DEFAULT 'occupied', CONSTRAINT "appointment_staff_times_check" CHECK ("ends_at" > "starts_at"), CONSTRAINT "appointment_staff_mode_check" CHECK ("mode" IN ('occupied', 'present')), CONSTRAINT "PK_43177b2ccf4d809a8582ca6a6b1" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_43b2b5825673fc7692d79ebf92" ON "appointment_staff"  ("staff_id", "starts_at") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_e3f27a0c8e7e9e3b401ab29a72" ON "appointment_staff"  ("appointment_id", "staff_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "idempotency_key" ("clinic_id" uuid NOT NULL, "key" character varying(255) NOT NULL, "request_hash" character(64) NOT NULL, "response" jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_fd937fac589708427b2c65f5216" PRIMARY KEY ("clinic_id", "key"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "resource_booking" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "clinic_id" uuid NOT NULL, "appointment_id" uuid NOT NULL, "resource_kind" character varying(10) NOT NULL, "resource_id" uuid NOT NULL, "claim" character varying(5) NOT NULL, "lanes" int4range NOT NULL, "capacity" integer NOT NULL, "during" tstzrange NOT NULL, CONSTRAINT "resource_booking_lanes_check" CHECK (lower("lanes") >= 0 AND "capacity" >= 1 AND CASE WHEN "claim" = 'block' THEN upper_inf("lanes") AND lower("lanes") = "capacity" WHEN "capacity" = 1 THEN lower("lanes") = 0 AND upper_inf("lanes") ELSE upper("lanes") = lower("lanes") + 1 AND lower("lanes") < "capacity" END), CONSTRAINT "resource_booking_during_check" CHECK (NOT isempty("during") AND NOT lower_inf("during") AND NOT upper_inf("during")), CONSTRAINT "resource_booking_claim_check" CHECK ("claim" IN ('hold', 'block')), CONSTRAINT "resource_booking_kind_check" CHECK ("resource_kind" IN ('room', 'staff', 'patient')), CONSTRAINT "resource_booking_block_excl" EXCLUDE USING gist ("resource_id" WITH =, "lanes" WITH &&, "during" WITH &&, "claim" WITH <>), CONSTRAINT "resource_booking_hold_excl" EXCLUDE USING gist ("resource_id" WITH =, "lanes" WITH &&, "during" WITH &&) WHERE ("claim" = 'hold'), CONSTRAINT "PK_0f993c6ae6321a08e9824495e7f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_2f822f61e8ecee74203615ddb1" ON "resource_booking"  ("appointment_id") `,
    );
    await queryRunner.query(`ALTER TABLE "audit_log" ADD "reason" character varying(500)`);
    await queryRunner.query(
      `ALTER TABLE "appointment" ADD CONSTRAINT "FK_3c6b7a09cbc0d0aca9d8febdf38" FOREIGN KEY ("clinic_id") REFERENCES "clinic"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "appointment" ADD CONSTRAINT "FK_3dd8ca6598fa85998c67913cbf5" FOREIGN KEY ("enrollment_id") REFERENCES "enrollment"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "appointment" ADD CONSTRAINT "FK_86b3e35a97e289071b4785a1402" FOREIGN KEY ("patient_id") REFERENCES "patient"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "appointment" ADD CONSTRAINT "FK_d19d52bcbaedabed9fef554cd04" FOREIGN KEY ("session_type_id") REFERENCES "session_type"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "appointment" ADD CONSTRAINT "FK_5daac324fd76d6e7ffc64482294" FOREIGN KEY ("room_id") REFERENCES "room"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "appointment_staff" ADD CONSTRAINT "FK_f01074e698efd812c82acd1f087" FOREIGN KEY ("clinic_id") REFERENCES "clinic"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "appointment_staff" ADD CONSTRAINT "FK_0e7b101c2ce71b09d3b442b4996" FOREIGN KEY ("appointment_id") REFERENCES "appointment"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "appointment_staff" ADD CONSTRAINT "FK_0fa061689c0540892c2abcf3094" FOREIGN KEY ("staff_id") REFERENCES "staff"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "idempotency_key" ADD CONSTRAINT "FK_26cf549e972936bf1c5335d85c4" FOREIGN KEY ("clinic_id") REFERENCES "clinic"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "resource_booking" ADD CONSTRAINT "FK_1e9d5ca2cf55c4be2a04ff0292f" FOREIGN KEY ("clinic_id") REFERENCES "clinic"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "resource_booking" ADD CONSTRAINT "FK_2f822f61e8ecee74203615ddb1c" FOREIGN KEY ("appointment_id") REFERENCES "appointment"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "resource_booking" DROP CONSTRAINT "FK_2f822f61e8ecee74203615ddb1c"`,
    );
    await queryRunner.query(
      `ALTER TABLE "resource_booking" DROP CONSTRAINT "FK_1e9d5ca2cf55c4be2a04ff0292f"`,
    );
    await queryRunner.query(
      `ALTER TABLE "idempotency_key" DROP CONSTRAINT "FK_26cf549e972936bf1c5335d85c4"`,
    );
    await queryRunner.query(
      `ALTER TABLE "appointment_staff" DROP CONSTRAINT "FK_0fa061689c0540892c2abcf3094"`,
    );
    await queryRunner.query(
      `ALTER TABLE "appointment_staff" DROP CONSTRAINT "FK_0e7b101c2ce71b09d3b442b4996"`,
    );
    await queryRunner.query(
      `ALTER TABLE "appointment_staff" DROP CONSTRAINT "FK_f01074e698efd812c82acd1f087"`,
    );
    await queryRunner.query(
      `ALTER TABLE "appointment" DROP CONSTRAINT "FK_5daac324fd76d6e7ffc64482294"`,
    );
    await queryRunner.query(
      `ALTER TABLE "appointment" DROP CONSTRAINT "FK_d19d52bcbaedabed9fef554cd04"`,
    );
    await queryRunner.query(
      `ALTER TABLE "appointment" DROP CONSTRAINT "FK_86b3e35a97e289071b4785a1402"`,
    );
    await queryRunner.query(
      `ALTER TABLE "appointment" DROP CONSTRAINT "FK_3dd8ca6598fa85998c67913cbf5"`,
    );
    await queryRunner.query(
      `ALTER TABLE "appointment" DROP CONSTRAINT "FK_3c6b7a09cbc0d0aca9d8febdf38"`,
    );
    await queryRunner.query(`ALTER TABLE "audit_log" DROP COLUMN "reason"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_2f822f61e8ecee74203615ddb1"`);
    await queryRunner.query(`DROP TABLE "resource_booking"`);
    await queryRunner.query(`DROP TABLE "idempotency_key"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_e3f27a0c8e7e9e3b401ab29a72"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_43b2b5825673fc7692d79ebf92"`);
    await queryRunner.query(`DROP TABLE "appointment_staff"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_11c5fe49bd2f4b6345b540d6c5"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_8d3022aa5adcb24f6a6db92651"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_42816e92273b561cfbe9eb5403"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_fa3a5e153ad431998fc5093213"`);
    await queryRunner.query(`DROP INDEX "public"."appointment_one_per_index"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_3add61f4281260354ed7c7f842"`);
    await queryRunner.query(`DROP TABLE "appointment"`);
  }
}
