ALTER TABLE "idempotency_keys" ADD COLUMN "secret_withheld" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- Responses stored before this migration kept their secret in clear: drop it (a replay now says it was shown).
UPDATE "idempotency_keys" SET "response_body" = ("response_body"::jsonb - 'secret')::text, "secret_withheld" = true WHERE CASE WHEN "response_body" LIKE '{%"secret"%' THEN ("response_body"::jsonb ? 'secret') ELSE false END;
