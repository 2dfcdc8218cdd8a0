import { MigrationInterface, QueryRunner } from 'typeorm';

export class AppointmentOverride1796161508347 implements MigrationInterface {
  name = 'AppointmentOverride1796161508347';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "appointment" ADD "override" jsonb`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "appointment" DROP COLUMN "override"`);
  }
}
