import { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1795798042709 implements MigrationInterface {
  name = 'Initial1795798042709';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Exclusion constraints on (uuid =, tstzrange &&) need btree_gist; PGlite loads it too.
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);
    await queryRunner.query(
      `CREATE TABLE "clinic" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(200) NOT NULL, "time_zone" character varying(64) NOT NULL, "slot_minutes" integer NOT NULL DEFAULT '15', "closures" jsonb NOT NULL DEFAULT '[]', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8e97c18debc9c7f7606e311d763" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "api_key" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "clinic_id" uuid NOT NULL, "name" character varying(100) NOT NULL, "role" character varying(20) NOT NULL, "prefix" character varying(16) NOT NULL, "secret_hash" character(64) NOT NULL, "staff_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "api_key_role_check" CHECK ("role" IN ('director', 'frontdesk', 'clinician')), CONSTRAINT "PK_b1bd840641b8acbaad89c3d8d11" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_3b1aa5404e70074189bc71b777" ON "api_key"  ("clinic_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_b227edd98d489363d65e908e60" ON "api_key"  ("secret_hash") `,
    );
    await queryRunner.query(
      `CREATE TABLE "audit_log" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "clinic_id" uuid NOT NULL, "actor_key_id" uuid, "actor" character varying(40) NOT NULL, "action" character varying(40) NOT NULL, "entity_type" character varying(60) NOT NULL, "entity_id" character varying(100) NOT NULL, "before" jsonb, "after" jsonb, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "request_id" character varying(64), CONSTRAINT "PK_07fefa57f7f5ab8fc3f52b3ed0b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_8ed599b5053dddeb9b961e2664" ON "audit_log"  ("clinic_id", "id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "api_key" ADD CONSTRAINT "FK_3b1aa5404e70074189bc71b7774" FOREIGN KEY ("clinic_id") REFERENCES "clinic"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "audit_log" ADD CONSTRAINT "FK_a182b055d09ae71986928c67281" FOREIGN KEY ("clinic_id") REFERENCES "clinic"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "audit_log" DROP CONSTRAINT "FK_a182b055d09ae71986928c67281"`,
    );
    await queryRunner.query(
      `ALTER TABLE "api_key" DROP CONSTRAINT "FK_3b1aa5404e70074189bc71b7774"`,
    );
    await queryRunner.query(`DROP INDEX "public"."IDX_8ed599b5053dddeb9b961e2664"`);
    await queryRunner.query(`DROP TABLE "audit_log"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_b227edd98d489363d65e908e60"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_3b1aa5404e70074189bc71b777"`);
    await queryRunner.query(`DROP TABLE "api_key"`);
    await queryRunner.query(`DROP TABLE "clinic"`);
    await queryRunner.query(`DROP EXTENSION IF EXISTS btree_gist`);
  }
}
