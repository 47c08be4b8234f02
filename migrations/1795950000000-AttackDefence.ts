import { MigrationInterface, QueryRunner } from "typeorm";

// Attack-defence: services, vulnboxes, ticks, signed flags (stored for audit), captures (unique per flag and
// attacker, which settles submission races), checker runs and per-tick service states.
export class AttackDefence1795950000000 implements MigrationInterface {
    name = 'AttackDefence1795950000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "ad_services" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "event_id" uuid NOT NULL, "name" text NOT NULL, "port" integer NOT NULL, "checker_blob_key" text NOT NULL, "checker_command" text NOT NULL, "checker_timeout_seconds" integer NOT NULL, "vulns" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ad_services_event_name_key" UNIQUE ("event_id", "name"), CONSTRAINT "PK_4da07e19d11f74c499f86e162d8" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE TABLE "ad_flags" ("flag" text NOT NULL, "event_id" uuid NOT NULL, "team_id" uuid NOT NULL, "service_id" uuid NOT NULL, "tick" integer NOT NULL, "vuln" integer NOT NULL, "flag_id" text NOT NULL, "planted" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ad_flags_slot_key" UNIQUE ("event_id", "team_id", "service_id", "tick", "vuln"), CONSTRAINT "PK_649016e1c03bd11506a5fee316b" PRIMARY KEY ("flag"))`);
        await queryRunner.query(`CREATE INDEX "IDX_74cc7459ef73b313a8ea778d5a" ON "ad_flags" ("event_id", "tick")`);
        await queryRunner.query(`CREATE TABLE "ad_captures" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "event_id" uuid NOT NULL, "flag" text NOT NULL, "attacker_team_id" uuid NOT NULL, "victim_team_id" uuid NOT NULL, "service_id" uuid NOT NULL, "tick" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ad_captures_flag_attacker_key" UNIQUE ("flag", "attacker_team_id"), CONSTRAINT "PK_0b61f17575345371ce3b37f3800" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_2dcb66db0da1afa29cdc379977" ON "ad_captures" ("event_id", "created_at")`);
        await queryRunner.query(`CREATE TABLE "ad_checks" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "event_id" uuid NOT NULL, "tick" integer NOT NULL, "team_id" uuid NOT NULL, "service_id" uuid NOT NULL, "action" text NOT NULL, "vuln" integer NOT NULL DEFAULT '0', "flag_tick" integer NOT NULL DEFAULT '0', "status" text NOT NULL, "message" text NOT NULL DEFAULT '', "output" text NOT NULL DEFAULT '', "duration_ms" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ad_checks_run_key" UNIQUE ("event_id", "tick", "team_id", "service_id", "action", "vuln", "flag_tick"), CONSTRAINT "PK_622dbc0f37f4b8266f294bafd4a" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_2a32838ad963e6091e9198df7d" ON "ad_checks" ("event_id", "team_id", "service_id", "tick")`);
        await queryRunner.query(`CREATE TABLE "ad_service_states" ("event_id" uuid NOT NULL, "tick" integer NOT NULL, "team_id" uuid NOT NULL, "service_id" uuid NOT NULL, "status" text NOT NULL, "message" text NOT NULL DEFAULT '', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_62c674132ec4846c881278385bd" PRIMARY KEY ("event_id", "tick", "team_id", "service_id"))`);
        await queryRunner.query(`CREATE TABLE "ad_ticks" ("event_id" uuid NOT NULL, "tick" integer NOT NULL, "scheduled_at" TIMESTAMP WITH TIME ZONE NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ce9040e76a1b8551cce0f521997" PRIMARY KEY ("event_id", "tick"))`);
        await queryRunner.query(`CREATE TABLE "ad_vulnboxes" ("team_id" uuid NOT NULL, "event_id" uuid NOT NULL, "host" text NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_fa5fa2874a6e9bcb036089c6111" PRIMARY KEY ("team_id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_736bf5bb2576d14b159e909de7" ON "ad_vulnboxes" ("event_id")`);
        await queryRunner.query(`ALTER TABLE "ad_services" ADD CONSTRAINT "FK_6712a37d7dca51ae3ab62a39de0" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "ad_flags" ADD CONSTRAINT "FK_2eb4e6206dfc3998600ba321eee" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "ad_flags" ADD CONSTRAINT "FK_67dc1febf8472ec55c4f7eb4d51" FOREIGN KEY ("service_id") REFERENCES "ad_services"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "ad_captures" ADD CONSTRAINT "FK_cbbd77f7870bb86f3abbe86430f" FOREIGN KEY ("flag") REFERENCES "ad_flags"("flag") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "ad_captures" ADD CONSTRAINT "FK_68d4cfd94f7ec92c61e8bc2da13" FOREIGN KEY ("attacker_team_id") REFERENCES "teams"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "ad_ticks" ADD CONSTRAINT "FK_a08736ea20914e3b20167d7caf7" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "ad_vulnboxes" ADD CONSTRAINT "FK_fa5fa2874a6e9bcb036089c6111" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "ad_vulnboxes" ADD CONSTRAINT "FK_736bf5bb2576d14b159e909de7a" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE "ad_captures"`);
        await queryRunner.query(`DROP TABLE "ad_checks"`);
        await queryRunner.query(`DROP TABLE "ad_service_states"`);
        await queryRunner.query(`DROP TABLE "ad_ticks"`);
        await queryRunner.query(`DROP TABLE "ad_vulnboxes"`);
        await queryRunner.query(`DROP TABLE "ad_flags"`);
        await queryRunner.query(`DROP TABLE "ad_services"`);
    }

}
