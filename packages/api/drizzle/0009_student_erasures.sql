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
CREATE INDEX "student_erasures_tenant_idx" ON "student_erasures" USING btree ("tenant_id","erased_at");