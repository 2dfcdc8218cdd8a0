import { MigrationInterface, QueryRunner } from 'typeorm';

export class ApiKeyStaff1795800742332 implements MigrationInterface {
  name = 'ApiKeyStaff1795800742332';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "api_key" ADD CONSTRAINT "FK_e6955743e543d1f105e2f1265c1" FOREIGN KEY ("staff_id") REFERENCES "staff"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "api_key" DROP CONSTRAINT "FK_e6955743e543d1f105e2f1265c1"`,
    );
  }
}
