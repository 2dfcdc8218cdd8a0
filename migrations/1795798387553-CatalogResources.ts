import { MigrationInterface, QueryRunner } from 'typeorm';

export class CatalogResources1795798387553 implements MigrationInterface {
  name = 'CatalogResources1795798387553';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "room" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "clinic_id" uuid NOT NULL, "name" character varying(200) NOT NULL, "features" jsonb NOT NULL DEFAULT '[]', "capacity" integer NOT NULL DEFAULT '1', "availability" jsonb, "time_off" jsonb NOT NULL DEFAULT '[]', "archived_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "room_capacity_check" CHECK ("capacity" >= 1), CONSTRAINT "PK_c6d46db005d623e691b2fbcba23" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_d82fc31496d955475b9f024af5" ON "room"  ("clinic_id", "name", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "session_type" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "clinic_id" uuid NOT NULL, "code" character varying(100) NOT NULL, "name" character varying(200) NOT NULL, "duration_minutes" integer NOT NULL, "room" jsonb, "staff" jsonb NOT NULL DEFAULT '[]', "archived_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "session_type_duration_check" CHECK ("duration_minutes" >= 1), CONSTRAINT "PK_ea52eab9ba35137deec725bb1d3" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_4805e9c15d6eb19c5fc1235802" ON "session_type"  ("clinic_id", "code") `,
    );
    await queryRunner.query(
      `CREATE TABLE "staff" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "clinic_id" uuid NOT NULL, "name" character varying(200) NOT NULL, "roles" jsonb NOT NULL, "availability" jsonb NOT NULL DEFAULT '[]', "time_off" jsonb NOT NULL DEFAULT '[]', "limits" jsonb, "archived_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "staff_roles_check" CHECK (jsonb_typeof("roles") = 'array' AND jsonb_array_length("roles") >= 1), CONSTRAINT "PK_e4ee98bb552756c180aec1e854a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_1f81a405cc678876d9a3b1bd0e" ON "staff"  ("clinic_id", "name", "id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "room" ADD CONSTRAINT "FK_92f3a95ec7da5b9c2ca40b798dc" FOREIGN KEY ("clinic_id") REFERENCES "clinic"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "session_type" ADD CONSTRAINT "FK_a209adbf823689a056c33a90f7c" FOREIGN KEY ("clinic_id") REFERENCES "clinic"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "staff" ADD CONSTRAINT "FK_414c233b6992cca033f0511c9e5" FOREIGN KEY ("clinic_id") REFERENCES "clinic"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "staff" DROP CONSTRAINT "FK_414c233b6992cca033f0511c9e5"`);
    await queryRunner.query(
      `ALTER TABLE "session_type" DROP CONSTRAINT "FK_a209adbf823689a056c33a90f7c"`,
    );
    await queryRunner.query(`ALTER TABLE "room" DROP CONSTRAINT "FK_92f3a95ec7da5b9c2ca40b798dc"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_1f81a405cc678876d9a3b1bd0e"`);
    await queryRunner.query(`DROP TABLE "staff"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_4805e9c15d6eb19c5fc1235802"`);
    await queryRunner.query(`DROP TABLE "session_type"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_d82fc31496d955475b9f024af5"`);
    await queryRunner.query(`DROP TABLE "room"`);
  }
}
