CREATE TABLE "student_erasures" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"subject_id" uuid NOT NULL,
	"requested_by_api_key_id" uuid NOT NULL,
	"requested_by_role" text NOT NULL,
	"erased_at" timestamp with time zone NOT NULL,
	"counts" jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "student_erasures" ADD CONSTRAINT "student_erasures_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "student_erasures_tenant_idx" ON "student_erasures" USING btree ("tenant_id","erased_at");--> statement-breakpoint
CREATE INDEX "contacts_referrer_fk_idx" ON "contacts" USING btree ("referrer_contact_id") WHERE "contacts"."referrer_contact_id" is not null;--> statement-breakpoint
CREATE INDEX "messages_interview_fk_idx" ON "messages" USING btree ("interview_id") WHERE "messages"."interview_id" is not null;--> statement-breakpoint
CREATE INDEX "interviews_contact_fk_idx" ON "interviews" USING btree ("contact_id");--> statement-breakpoint
CREATE INDEX "notes_interview_fk_idx" ON "notes" USING btree ("interview_id");--> statement-breakpoint
CREATE INDEX "referrals_interview_fk_idx" ON "referrals" USING btree ("interview_id");--> statement-breakpoint
CREATE INDEX "referrals_contact_fk_idx" ON "referrals" USING btree ("contact_id") WHERE "referrals"."contact_id" is not null;--> statement-breakpoint
CREATE INDEX "touchpoints_contact_fk_idx" ON "touchpoints" USING btree ("contact_id");--> statement-breakpoint
CREATE INDEX "touchpoints_about_contact_fk_idx" ON "touchpoints" USING btree ("about_contact_id") WHERE "touchpoints"."about_contact_id" is not null;--> statement-breakpoint
CREATE INDEX "touchpoints_milestone_fk_idx" ON "touchpoints" USING btree ("milestone_id") WHERE "touchpoints"."milestone_id" is not null;
