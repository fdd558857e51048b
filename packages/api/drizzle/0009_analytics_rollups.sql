CREATE TABLE "analytics_settings" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"min_students" integer DEFAULT 5 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "analytics_student_weeks" (
	"tenant_id" uuid NOT NULL,
	"student_id" uuid NOT NULL,
	"week" date NOT NULL,
	"metric" text NOT NULL,
	"value" integer NOT NULL,
	CONSTRAINT "analytics_student_weeks_student_id_week_metric_pk" PRIMARY KEY("student_id","week","metric")
);
--> statement-breakpoint
CREATE TABLE "analytics_students" (
	"student_id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"figures" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "analytics_tenant_weeks" (
	"tenant_id" uuid NOT NULL,
	"week" date NOT NULL,
	"metric" text NOT NULL,
	"shard" smallint NOT NULL,
	"value" integer NOT NULL,
	"students" integer NOT NULL,
	CONSTRAINT "analytics_tenant_weeks_tenant_id_week_metric_shard_pk" PRIMARY KEY("tenant_id","week","metric","shard")
);
--> statement-breakpoint
ALTER TABLE "analytics_settings" ADD CONSTRAINT "analytics_settings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_student_weeks" ADD CONSTRAINT "analytics_student_weeks_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_student_weeks" ADD CONSTRAINT "analytics_student_weeks_student_id_students_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."students"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_students" ADD CONSTRAINT "analytics_students_student_id_students_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."students"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_students" ADD CONSTRAINT "analytics_students_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_tenant_weeks" ADD CONSTRAINT "analytics_tenant_weeks_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "analytics_student_weeks_metric_idx" ON "analytics_student_weeks" USING btree ("tenant_id","metric","week");--> statement-breakpoint
-- The tenant's rollup follows the students' rows: every insert, update and delete of a student's
-- week (including the cascade when a student is erased) moves the tenant's sums by the difference,
-- and the count of students by one when a value leaves or reaches zero. A student keeps one shard.
CREATE FUNCTION "infoview_analytics_student_week_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  r record;
  dv integer;
  ds integer;
BEGIN
  IF TG_OP = 'DELETE' THEN r := OLD; ELSE r := NEW; END IF;
  dv := (CASE WHEN TG_OP = 'DELETE' THEN 0 ELSE NEW.value END) - (CASE WHEN TG_OP = 'INSERT' THEN 0 ELSE OLD.value END);
  ds := (CASE WHEN TG_OP <> 'DELETE' AND NEW.value <> 0 THEN 1 ELSE 0 END)
      - (CASE WHEN TG_OP <> 'INSERT' AND OLD.value <> 0 THEN 1 ELSE 0 END);
  IF dv = 0 AND ds = 0 THEN RETURN NULL; END IF;
  IF TG_OP = 'DELETE' THEN
    -- The row was added when the value was; a tenant being deleted may have lost it already.
    UPDATE analytics_tenant_weeks SET value = value + dv, students = students + ds
      WHERE tenant_id = r.tenant_id AND week = r.week AND metric = r.metric
        AND shard = (hashtext(r.student_id::text) & 3);
  ELSE
    INSERT INTO analytics_tenant_weeks AS t (tenant_id, week, metric, shard, value, students)
      VALUES (r.tenant_id, r.week, r.metric, hashtext(r.student_id::text) & 3, dv, ds)
      ON CONFLICT (tenant_id, week, metric, shard)
      DO UPDATE SET value = t.value + excluded.value, students = t.students + excluded.students;
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "analytics_student_weeks_rollup" AFTER INSERT OR UPDATE OR DELETE ON "analytics_student_weeks"
  FOR EACH ROW EXECUTE FUNCTION infoview_analytics_student_week_changed();
