CREATE TABLE "list_reach" (
	"school_id" uuid NOT NULL,
	"message_id" uuid NOT NULL,
	"sent_day" date NOT NULL,
	"class_name" text NOT NULL,
	"guardians" integer NOT NULL,
	"readers" integer NOT NULL,
	CONSTRAINT "list_reach_school_id_message_id_class_name_pk" PRIMARY KEY("school_id","message_id","class_name")
);
--> statement-breakpoint
CREATE TABLE "screen_uptime_daily" (
	"school_id" uuid NOT NULL,
	"screen_id" uuid NOT NULL,
	"day" date NOT NULL,
	"online_minutes" integer NOT NULL,
	CONSTRAINT "screen_uptime_daily_screen_id_day_pk" PRIMARY KEY("screen_id","day")
);
--> statement-breakpoint
ALTER TABLE "list_reach" ADD CONSTRAINT "list_reach_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "list_reach" ADD CONSTRAINT "list_reach_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screen_uptime_daily" ADD CONSTRAINT "screen_uptime_daily_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screen_uptime_daily" ADD CONSTRAINT "screen_uptime_daily_screen_id_screens_id_fk" FOREIGN KEY ("screen_id") REFERENCES "public"."screens"("id") ON DELETE cascade ON UPDATE no action;