import { MigrationInterface, QueryRunner } from 'typeorm';

export class CalendarFeeds1796162627179 implements MigrationInterface {
  name = 'CalendarFeeds1796162627179';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "calendar_feed" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "clinic_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "kind" character varying(10) NOT NULL, "target_id" uuid NOT NULL, "name" character varying(100) NOT NULL, "created_by_key_id" uuid, "revoked_at" TIMESTAMP WITH TIME ZONE, "content_state" jsonb NOT NULL DEFAULT '{}', CONSTRAINT "calendar_feed_kind_check" CHECK ("kind" IN ('staff', 'room', 'patient', 'cohort')), CONSTRAINT "PK_24c0b9c80e4a4ac8752d854bc2e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_aa89389e9fe1b6ff297d39b589" ON "calendar_feed"  ("clinic_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "calendar_feed_fetch" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "clinic_id" uuid NOT NULL, "feed_id" uuid NOT NULL, "token_id" uuid NOT NULL, "fetched_at" TIMESTAMP WITH TIME ZONE NOT NULL, "user_agent" character varying(300), "status" smallint NOT NULL, "retired" boolean NOT NULL DEFAULT false, CONSTRAINT "PK_08931eb854f5aeabe1ebb35a9e2" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_872252e8b87430bb0e733cacd8" ON "calendar_feed_fetch"  ("feed_id", "fetched_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "calendar_feed_token" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "feed_id" uuid NOT NULL, "token_hash" character(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "retired_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_e016889d5c740abfa7277e0431b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_e51344d9aba1c85e4952d1a747" ON "calendar_feed_token"  ("feed_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_da3743af69f31ffd278f363bce" ON "calendar_feed_token"  ("token_hash") `,
    );
    await queryRunner.query(
      `ALTER TABLE "clinic" ADD "feed_patient_label" character varying(20) NOT NULL DEFAULT 'initials'`,
    );
    await queryRunner.query(`ALTER TABLE "patient" ADD "pseudonym" character varying(40)`);
    await queryRunner.query(
      `ALTER TABLE "clinic" ADD CONSTRAINT "clinic_feed_patient_label_check" CHECK ("feed_patient_label" IN ('initials', 'pseudonym'))`,
    );
    await queryRunner.query(
      `ALTER TABLE "calendar_feed" ADD CONSTRAINT "FK_af86edaa1af05c684224fcbb782" FOREIGN KEY ("clinic_id") REFERENCES "clinic"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "calendar_feed_fetch" ADD CONSTRAINT "FK_28a76523d1d44eb59312e09d4d8" FOREIGN KEY ("feed_id") REFERENCES "calendar_feed"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "calendar_feed_token" ADD CONSTRAINT "FK_e51344d9aba1c85e4952d1a7477" FOREIGN KEY ("feed_id") REFERENCES "calendar_feed"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "calendar_feed_token" DROP CONSTRAINT "FK_e51344d9aba1c85e4952d1a7477"`,
    );
    await queryRunner.query(
      `ALTER TABLE "calendar_feed_fetch" DROP CONSTRAINT "FK_28a76523d1d44eb59312e09d4d8"`,
    );
    await queryRunner.query(
      `ALTER TABLE "calendar_feed" DROP CONSTRAINT "FK_af86edaa1af05c684224fcbb782"`,
    );
    await queryRunner.query(
      `ALTER TABLE "clinic" DROP CONSTRAINT "clinic_feed_patient_label_check"`,
    );
    await queryRunner.query(`ALTER TABLE "patient" DROP COLUMN "pseudonym"`);
    await queryRunner.query(`ALTER TABLE "clinic" DROP COLUMN "feed_patient_label"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_da3743af69f31ffd278f363bce"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_e51344d9aba1c85e4952d1a747"`);
    await queryRunner.query(`DROP TABLE "calendar_feed_token"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_872252e8b87430bb0e733cacd8"`);
    await queryRunner.query(`DROP TABLE "calendar_feed_fetch"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_aa89389e9fe1b6ff297d39b589"`);
    await queryRunner.query(`DROP TABLE "calendar_feed"`);
  }
}
