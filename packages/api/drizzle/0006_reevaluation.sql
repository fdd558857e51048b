CREATE TABLE "reevaluation_jobs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"state" text DEFAULT 'queued' NOT NULL,
	"total" integer NOT NULL,
	"done" integer DEFAULT 0 NOT NULL,
	"after_student_id" uuid,
	"batches" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "reevaluation_jobs" ADD CONSTRAINT "reevaluation_jobs_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "reevaluation_jobs_tenant_idx" ON "reevaluation_jobs" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "reevaluation_jobs_claim_idx" ON "reevaluation_jobs" USING btree ("state","created_at");--> statement-breakpoint
-- Re-evaluation is a mechanism: every write to an input of the rules records the student it
-- touched in a transaction-local setting, and the transaction helper (services/context.ts)
-- re-evaluates those students once before commit. A rolled-back savepoint forgets its marks.
CREATE FUNCTION "infoview_mark_student"(student uuid) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  marked text := coalesce(current_setting('infoview.changed_students', true), '');
BEGIN
  IF student IS NOT NULL AND position(student::text IN marked) = 0 THEN
    PERFORM set_config('infoview.changed_students', marked || student::text || ',', true);
  END IF;
END
$$;--> statement-breakpoint
CREATE FUNCTION "infoview_network_row_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN PERFORM infoview_mark_student(OLD.student_id); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM infoview_mark_student(NEW.student_id); END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE FUNCTION "infoview_student_row_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM infoview_mark_student(NEW.id);
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "contacts_network_changed" AFTER INSERT OR UPDATE OR DELETE ON "contacts"
  FOR EACH ROW EXECUTE FUNCTION infoview_network_row_changed();--> statement-breakpoint
CREATE TRIGGER "interviews_network_changed" AFTER INSERT OR UPDATE OR DELETE ON "interviews"
  FOR EACH ROW EXECUTE FUNCTION infoview_network_row_changed();--> statement-breakpoint
CREATE TRIGGER "touchpoints_network_changed" AFTER INSERT OR UPDATE OR DELETE ON "touchpoints"
  FOR EACH ROW EXECUTE FUNCTION infoview_network_row_changed();--> statement-breakpoint
CREATE TRIGGER "milestones_network_changed" AFTER INSERT OR UPDATE OR DELETE ON "milestones"
  FOR EACH ROW EXECUTE FUNCTION infoview_network_row_changed();--> statement-breakpoint
-- The student's own decision on a task; the rule engine's writes (reopen, obsolete, carried status) do not count.
CREATE TRIGGER "tasks_network_changed" AFTER UPDATE ON "tasks" FOR EACH ROW
  WHEN (NEW.status IN ('completed', 'snoozed', 'dismissed')
    AND (OLD.status IS DISTINCT FROM NEW.status OR OLD.snoozed_until IS DISTINCT FROM NEW.snoozed_until))
  EXECUTE FUNCTION infoview_network_row_changed();--> statement-breakpoint
-- What of a student the rules read: the time zone and their policy override.
CREATE TRIGGER "students_network_changed" AFTER UPDATE ON "students" FOR EACH ROW
  WHEN (OLD.time_zone IS DISTINCT FROM NEW.time_zone OR OLD.policy_override IS DISTINCT FROM NEW.policy_override)
  EXECUTE FUNCTION infoview_student_row_changed();
