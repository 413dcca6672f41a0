CREATE TYPE "public"."ack_mode" AS ENUM('none', 'per_guardian', 'per_student');--> statement-breakpoint
CREATE TYPE "public"."news_category" AS ENUM('vie_scolaire', 'pedagogie', 'orientation', 'evenement', 'restauration', 'urgent');--> statement-breakpoint
CREATE TYPE "public"."news_status" AS ENUM('draft', 'submitted', 'scheduled', 'published', 'archived');--> statement-breakpoint
CREATE TYPE "public"."news_visibility" AS ENUM('ent', 'public');--> statement-breakpoint
CREATE TABLE "news_attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"school_id" uuid NOT NULL,
	"uploaded_by" uuid,
	"news_id" uuid,
	"name" text NOT NULL,
	"mime_type" text NOT NULL,
	"size" integer NOT NULL,
	"content" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "news_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"school_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"title" text NOT NULL,
	"body_html" text NOT NULL,
	"category" "news_category" NOT NULL,
	"status" "news_status" DEFAULT 'draft' NOT NULL,
	"visibility" "news_visibility" DEFAULT 'ent' NOT NULL,
	"audience" jsonb NOT NULL,
	"audience_label" text NOT NULL,
	"publish_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"expire_at" timestamp with time zone,
	"pinned_until" timestamp with time zone,
	"ack_mode" "ack_mode" DEFAULT 'none' NOT NULL,
	"on_screens_from" timestamp with time zone,
	"on_screens_until" timestamp with time zone,
	"image_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"review_comment" text,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"withdrawn_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "news_recipients" (
	"news_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"profile" "profile" NOT NULL,
	"read_at" timestamp with time zone,
	"acknowledged_at" timestamp with time zone,
	CONSTRAINT "news_recipients_news_id_person_id_pk" PRIMARY KEY("news_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "news_revisions" (
	"news_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"title" text NOT NULL,
	"body_html" text NOT NULL,
	"edited_by" uuid,
	"edited_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "news_revisions_news_id_version_pk" PRIMARY KEY("news_id","version")
);
--> statement-breakpoint
ALTER TABLE "news_attachments" ADD CONSTRAINT "news_attachments_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "news_attachments" ADD CONSTRAINT "news_attachments_uploaded_by_people_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "news_attachments" ADD CONSTRAINT "news_attachments_news_id_news_items_id_fk" FOREIGN KEY ("news_id") REFERENCES "public"."news_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "news_items" ADD CONSTRAINT "news_items_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "news_items" ADD CONSTRAINT "news_items_author_id_people_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "news_items" ADD CONSTRAINT "news_items_reviewed_by_people_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "news_recipients" ADD CONSTRAINT "news_recipients_news_id_news_items_id_fk" FOREIGN KEY ("news_id") REFERENCES "public"."news_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "news_recipients" ADD CONSTRAINT "news_recipients_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "news_revisions" ADD CONSTRAINT "news_revisions_news_id_news_items_id_fk" FOREIGN KEY ("news_id") REFERENCES "public"."news_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "news_revisions" ADD CONSTRAINT "news_revisions_edited_by_people_id_fk" FOREIGN KEY ("edited_by") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "news_attachments_news_idx" ON "news_attachments" USING btree ("news_id");--> statement-breakpoint
CREATE INDEX "news_items_school_status_idx" ON "news_items" USING btree ("school_id","status","published_at");--> statement-breakpoint
CREATE INDEX "news_items_author_idx" ON "news_items" USING btree ("author_id","updated_at");--> statement-breakpoint
CREATE INDEX "news_recipients_person_idx" ON "news_recipients" USING btree ("person_id","news_id");--> statement-breakpoint
CREATE INDEX "news_recipients_unread_idx" ON "news_recipients" USING btree ("news_id") WHERE "news_recipients"."read_at" is null;