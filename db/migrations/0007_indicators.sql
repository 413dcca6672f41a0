CREATE TABLE "absence_ack_daily" (
	"school_id" uuid NOT NULL,
	"day" date NOT NULL,
	"alerts" integer NOT NULL,
	"unacknowledged" integer NOT NULL,
	"delays_seconds" integer[] NOT NULL,
	CONSTRAINT "absence_ack_daily_school_id_day_pk" PRIMARY KEY("school_id","day")
);
--> statement-breakpoint
CREATE TABLE "delivery_daily" (
	"school_id" uuid NOT NULL,
	"day" date NOT NULL,
	"channel" text NOT NULL,
	"status" text NOT NULL,
	"deliveries" integer NOT NULL,
	"people" integer NOT NULL,
	CONSTRAINT "delivery_daily_school_id_day_channel_status_pk" PRIMARY KEY("school_id","day","channel","status")
);
--> statement-breakpoint
CREATE TABLE "news_reach" (
	"school_id" uuid NOT NULL,
	"news_id" uuid NOT NULL,
	"published_day" date NOT NULL,
	"class_name" text NOT NULL,
	"guardians" integer NOT NULL,
	"readers" integer NOT NULL,
	CONSTRAINT "news_reach_school_id_news_id_class_name_pk" PRIMARY KEY("school_id","news_id","class_name")
);
--> statement-breakpoint
CREATE TABLE "service_daily" (
	"school_id" uuid NOT NULL,
	"day" date NOT NULL,
	"service" text NOT NULL,
	"actions" integer NOT NULL,
	"people" integer NOT NULL,
	CONSTRAINT "service_daily_school_id_day_service_pk" PRIMARY KEY("school_id","day","service")
);
--> statement-breakpoint
CREATE TABLE "usage_daily" (
	"school_id" uuid NOT NULL,
	"day" date NOT NULL,
	"profile" "profile" NOT NULL,
	"people" integer NOT NULL,
	CONSTRAINT "usage_daily_school_id_day_profile_pk" PRIMARY KEY("school_id","day","profile")
);
--> statement-breakpoint
CREATE TABLE "usage_hourly" (
	"school_id" uuid NOT NULL,
	"day" date NOT NULL,
	"hour" smallint NOT NULL,
	"people" integer NOT NULL,
	CONSTRAINT "usage_hourly_school_id_day_hour_pk" PRIMARY KEY("school_id","day","hour")
);
--> statement-breakpoint
CREATE TABLE "usage_hours" (
	"school_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"profile" "profile" NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	CONSTRAINT "usage_hours_school_id_hour_person_id_pk" PRIMARY KEY("school_id","hour","person_id")
);
--> statement-breakpoint
ALTER TABLE "absence_ack_daily" ADD CONSTRAINT "absence_ack_daily_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_daily" ADD CONSTRAINT "delivery_daily_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "news_reach" ADD CONSTRAINT "news_reach_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "news_reach" ADD CONSTRAINT "news_reach_news_id_news_items_id_fk" FOREIGN KEY ("news_id") REFERENCES "public"."news_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_daily" ADD CONSTRAINT "service_daily_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "usage_daily" ADD CONSTRAINT "usage_daily_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "usage_hourly" ADD CONSTRAINT "usage_hourly_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "usage_hours" ADD CONSTRAINT "usage_hours_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "usage_hours" ADD CONSTRAINT "usage_hours_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;