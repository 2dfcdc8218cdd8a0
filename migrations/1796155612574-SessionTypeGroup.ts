import { MigrationInterface, QueryRunner } from 'typeorm';

export class SessionTypeGroup1796155612574 implements MigrationInterface {
  name = 'SessionTypeGroup1796155612574';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "session_type" ADD "group" jsonb`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "session_type" DROP COLUMN "group"`);
  }
}
