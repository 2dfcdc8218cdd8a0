import { MigrationInterface, QueryRunner } from 'typeorm';

export class CatalogProtocolsPatients1795798540973 implements MigrationInterface {
  name = 'CatalogProtocolsPatients1795798540973';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "protocol" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "clinic_id" uuid NOT NULL, "code" character varying(64) NOT NULL, "name" character varying(200) NOT NULL, "description" text NOT NULL DEFAULT '', "archived_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_bae34901abddccbddda15ea000c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_b20463d2712355e9b0c6680fda" ON "protocol"  ("clinic_id", "code") `,
    );
    await queryRunner.query(
      `CREATE TABLE "cohort" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "clinic_id" uuid NOT NULL, "name" character varying(200) NOT NULL, "start_date" date NOT NULL, "end_date" date NOT NULL, "protocol_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "cohort_dates_check" CHECK ("end_date" >= "start_date"), CONSTRAINT "PK_4fb3cca38dc4b461110344e5f9b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_806b54c4b3c182afe7e9d3d4c0" ON "cohort"  ("clinic_id", "start_date", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "patient" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "clinic_id" uuid NOT NULL, "display_name" character varying(200) NOT NULL, "initials" character varying(10) NOT NULL, "external_ref" character varying(100), "archived_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8dfa510bb29ad31ab2139fbfb99" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_90fdadf71aa5a0e829da6f2164" ON "patient"  ("clinic_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_f758f95a4152a7d5568ba9950d" ON "patient"  ("clinic_id", "external_ref") `,
    );
    await queryRunner.query(
      `CREATE TABLE "protocol_version" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "clinic_id" uuid NOT NULL, "protocol_id" uuid NOT NULL, "version" integer NOT NULL, "status" character varying(20) NOT NULL, "definition" jsonb NOT NULL, "published_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "protocol_version_version_check" CHECK ("version" >= 1), CONSTRAINT "protocol_version_status_check" CHECK ("status" IN ('draft', 'published')), CONSTRAINT "PK_dfbd8c67b97ba95a58ecc403d6b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_33e7d67acfe7bee7fc855eb654" ON "protocol_version"  ("clinic_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "protocol_version_one_draft" ON "protocol_version"  ("protocol_id") WHERE "status" = 'draft'`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_03060692fec082bfda8f34056b" ON "protocol_version"  ("protocol_id", "version") `,
    );
    await queryRunner.query(
      `CREATE TABLE "enrollment" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "clinic_id" uuid NOT NULL, "patient_id" uuid NOT NULL, "protocol_version_id" uuid NOT NULL, "counts" jsonb NOT NULL DEFAULT '{}', "earliest_start" date NOT NULL, "latest_end" date NOT NULL, "unavailable" jsonb NOT NULL DEFAULT '[]', "status" character varying(20) NOT NULL DEFAULT 'active', "cohort_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "enrollment_dates_check" CHECK ("latest_end" >= "earliest_start"), CONSTRAINT "enrollment_status_check" CHECK ("status" IN ('active', 'withdrawn', 'completed')), CONSTRAINT "PK_7e200c699fa93865cdcdd025885" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_ac799b39804e3de94bd3ed1390" ON "enrollment"  ("cohort_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_a1bef22aa42a804c1577fea60c" ON "enrollment"  ("protocol_version_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_08783fb6134e3a93868b6857ea" ON "enrollment"  ("patient_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_2f8adb6454af2e2f59354e3925" ON "enrollment"  ("clinic_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "protocol" ADD CONSTRAINT "FK_b77c26b6df29287eacba44f13f6" FOREIGN KEY ("clinic_id") REFERENCES "clinic"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "cohort" ADD CONSTRAINT "FK_224ce951a474ace63671f6b295a" FOREIGN KEY ("clinic_id") REFERENCES "clinic"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "cohort" ADD CONSTRAINT "FK_b2643dc35101944ccfb59b78880" FOREIGN KEY ("protocol_id") REFERENCES "protocol"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "patient" ADD CONSTRAINT "FK_22f1c9da84f55dbd60c51ca7a47" FOREIGN KEY ("clinic_id") REFERENCES "clinic"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "protocol_version" ADD CONSTRAINT "FK_33e7d67acfe7bee7fc855eb6545" FOREIGN KEY ("clinic_id") REFERENCES "clinic"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "protocol_version" ADD CONSTRAINT "FK_4456c16e3781c2ba5ec8f5ed5c5" FOREIGN KEY ("protocol_id") REFERENCES "protocol"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "enrollment" ADD CONSTRAINT "FK_135dfe5ee2220de08b301951d93" FOREIGN KEY ("clinic_id") REFERENCES "clinic"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "enrollment" ADD CONSTRAINT "FK_08783fb6134e3a93868b6857ead" FOREIGN KEY ("patient_id") REFERENCES "patient"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "enrollment" ADD CONSTRAINT "FK_a1bef22aa42a804c1577fea60c2" FOREIGN KEY ("protocol_version_id") REFERENCES "protocol_version"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "enrollment" ADD CONSTRAINT "FK_ac799b39804e3de94bd3ed13902" FOREIGN KEY ("cohort_id") REFERENCES "cohort"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "enrollment" DROP CONSTRAINT "FK_ac799b39804e3de94bd3ed13902"`,
    );
    await queryRunner.query(
      `ALTER TABLE "enrollment" DROP CONSTRAINT "FK_a1bef22aa42a804c1577fea60c2"`,
    );
    await queryRunner.query(
      `ALTER TABLE "enrollment" DROP CONSTRAINT "FK_08783fb6134e3a93868b6857ead"`,
    );
    await queryRunner.query(
      `ALTER TABLE "enrollment" DROP CONSTRAINT "FK_135dfe5ee2220de08b301951d93"`,
    );
    await queryRunner.query(
      `ALTER TABLE "protocol_version" DROP CONSTRAINT "FK_4456c16e3781c2ba5ec8f5ed5c5"`,
    );
    await queryRunner.query(
      `ALTER TABLE "protocol_version" DROP CONSTRAINT "FK_33e7d67acfe7bee7fc855eb6545"`,
    );
    await queryRunner.query(
      `ALTER TABLE "patient" DROP CONSTRAINT "FK_22f1c9da84f55dbd60c51ca7a47"`,
    );
    await queryRunner.query(
      `ALTER TABLE "cohort" DROP CONSTRAINT "FK_b2643dc35101944ccfb59b78880"`,
    );
    await queryRunner.query(
      `ALTER TABLE "cohort" DROP CONSTRAINT "FK_224ce951a474ace63671f6b295a"`,
    );
    await queryRunner.query(
      `ALTER TABLE "protocol" DROP CONSTRAINT "FK_b77c26b6df29287eacba44f13f6"`,
    );
    await queryRunner.query(`DROP INDEX "public"."IDX_2f8adb6454af2e2f59354e3925"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_08783fb6134e3a93868b6857ea"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_a1bef22aa42a804c1577fea60c"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_ac799b39804e3de94bd3ed1390"`);
    await queryRunner.query(`DROP TABLE "enrollment"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_03060692fec082bfda8f34056b"`);
    await queryRunner.query(`DROP INDEX "public"."protocol_version_one_draft"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_33e7d67acfe7bee7fc855eb654"`);
    await queryRunner.query(`DROP TABLE "protocol_version"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_f758f95a4152a7d5568ba9950d"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_90fdadf71aa5a0e829da6f2164"`);
    await queryRunner.query(`DROP TABLE "patient"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_806b54c4b3c182afe7e9d3d4c0"`);
    await queryRunner.query(`DROP TABLE "cohort"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_b20463d2712355e9b0c6680fda"`);
    await queryRunner.query(`DROP TABLE "protocol"`);
  }
}
