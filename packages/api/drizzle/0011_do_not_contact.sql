CREATE TABLE "do_not_contact_entries" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"key_hash" text NOT NULL,
	"reason" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "professional_erasures" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"requested_by" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"counts" jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "do_not_contact_entries" ADD CONSTRAINT "do_not_contact_entries_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "professional_erasures" ADD CONSTRAINT "professional_erasures_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "do_not_contact_tenant_hash_uq" ON "do_not_contact_entries" USING btree ("tenant_id","key_hash");--> statement-breakpoint
CREATE INDEX "do_not_contact_tenant_idx" ON "do_not_contact_entries" USING btree ("tenant_id","id");--> statement-breakpoint
CREATE INDEX "professional_erasures_tenant_idx" ON "professional_erasures" USING btree ("tenant_id","id");
