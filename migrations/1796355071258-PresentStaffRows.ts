import { MigrationInterface, QueryRunner } from 'typeorm';

export class PresentStaffRows1796355071258 implements MigrationInterface {
  name = 'PresentStaffRows1796355071258';

  /**
   * A person may hold a present requirement (format 1.1 cover) besides another requirement of
   * the same appointment, each its own row: the unique (appointment, staff) index becomes
   * unique over occupied rows only, and a plain index keeps the lookups by appointment.
   * Present rows hold no lane, so the exclusion constraints on resource_booking are unchanged.
   */
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_e3f27a0c8e7e9e3b401ab29a72"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_2a700dd902c3c623de54dd03ad" ON "appointment_staff"  ("appointment_id", "staff_id") WHERE "mode" = 'occupied'`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_e3f27a0c8e7e9e3b401ab29a72" ON "appointment_staff"  ("appointment_id", "staff_id") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_e3f27a0c8e7e9e3b401ab29a72"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_2a700dd902c3c623de54dd03ad"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_e3f27a0c8e7e9e3b401ab29a72" ON "appointment_staff" USING btree ("appointment_id", "staff_id") `,
    );
  }
}
