CREATE TYPE "public"."alert_end_kind" AS ENUM('all_clear', 'cancel');--> statement-breakpoint
CREATE TYPE "public"."alert_msg_type" AS ENUM('alert', 'update', 'cancel');--> statement-breakpoint
CREATE TYPE "public"."alert_response" AS ENUM('shelter', 'evacuate', 'allclear');--> statement-breakpoint
CREATE TYPE "public"."alert_status" AS ENUM('actual', 'exercise', 'test');--> statement-breakpoint
CREATE TYPE "public"."screen_layout" AS ENUM('landscape', 'portrait');--> statement-breakpoint
CREATE TYPE "public"."screen_zone" AS ENUM('hall', 'vie_scolaire', 'cdi', 'cantine', 'salle_profs');--> statement-breakpoint
CREATE TABLE "alert_displays" (
	"alert_id" uuid NOT NULL,
	"screen_id" uuid NOT NULL,
	"displayed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "alert_displays_alert_id_screen_id_pk" PRIMARY KEY("alert_id","screen_id")
);
--> statement-breakpoint
CREATE TABLE "alert_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"school_id" uuid NOT NULL,
	"position" text NOT NULL,
	"name" text NOT NULL,
	"response_type" "alert_response" NOT NULL,
	"headline" text NOT NULL,
	"instruction" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alerts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"school_id" uuid NOT NULL,
	"status" "alert_status" NOT NULL,
	"msg_type" "alert_msg_type" DEFAULT 'alert' NOT NULL,
	"response_type" "alert_response" NOT NULL,
	"headline" text NOT NULL,
	"instruction" text NOT NULL,
	"zones" jsonb,
	"sent_by" uuid,
	"sent_by_name" text NOT NULL,
	"expires_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"end_kind" "alert_end_kind",
	"ended_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "screen_flashes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"school_id" uuid NOT NULL,
	"text" text NOT NULL,
	"zones" jsonb,
	"until" timestamp with time zone NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"removed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "screen_pairings" (
	"code" text PRIMARY KEY NOT NULL,
	"secret_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"screen_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "screens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"school_id" uuid NOT NULL,
	"name" text NOT NULL,
	"zone" "screen_zone" NOT NULL,
	"layout" "screen_layout" NOT NULL,
	"schedule" jsonb NOT NULL,
	"content" jsonb NOT NULL,
	"token_hash" text NOT NULL,
	"token_issued_at" timestamp with time zone NOT NULL,
	"previous_token_hash" text,
	"paired_at" timestamp with time zone DEFAULT now() NOT NULL,
	"paired_by" uuid,
	"revoked_at" timestamp with time zone,
	"last_seen_at" timestamp with time zone,
	"heartbeat" jsonb,
	"behind" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"last_state" text,
	"offline_notified_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "alert_displays" ADD CONSTRAINT "alert_displays_alert_id_alerts_id_fk" FOREIGN KEY ("alert_id") REFERENCES "public"."alerts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_displays" ADD CONSTRAINT "alert_displays_screen_id_screens_id_fk" FOREIGN KEY ("screen_id") REFERENCES "public"."screens"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_templates" ADD CONSTRAINT "alert_templates_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_sent_by_people_id_fk" FOREIGN KEY ("sent_by") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_ended_by_people_id_fk" FOREIGN KEY ("ended_by") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screen_flashes" ADD CONSTRAINT "screen_flashes_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screen_flashes" ADD CONSTRAINT "screen_flashes_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screen_pairings" ADD CONSTRAINT "screen_pairings_screen_id_screens_id_fk" FOREIGN KEY ("screen_id") REFERENCES "public"."screens"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screens" ADD CONSTRAINT "screens_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screens" ADD CONSTRAINT "screens_paired_by_people_id_fk" FOREIGN KEY ("paired_by") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "alert_templates_school_idx" ON "alert_templates" USING btree ("school_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "alerts_one_active_idx" ON "alerts" USING btree ("school_id") WHERE ended_at is null;--> statement-breakpoint
CREATE INDEX "alerts_school_idx" ON "alerts" USING btree ("school_id","created_at");--> statement-breakpoint
CREATE INDEX "screen_flashes_school_idx" ON "screen_flashes" USING btree ("school_id","until");--> statement-breakpoint
CREATE UNIQUE INDEX "screen_pairings_secret_idx" ON "screen_pairings" USING btree ("secret_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "screens_token_idx" ON "screens" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "screens_previous_token_idx" ON "screens" USING btree ("previous_token_hash");--> statement-breakpoint
CREATE INDEX "screens_school_idx" ON "screens" USING btree ("school_id") WHERE revoked_at is null;