-- Every API process caches live keys for a few seconds. A key revoked or deleted, by any code
-- path, is announced on this channel when its transaction commits, and every process listening
-- (plugins/key-revocations.ts) forgets its cached keys at once.
CREATE FUNCTION "infoview_api_key_revoked"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('infoview_api_key_revoked', OLD.id::text);
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "api_keys_revoked" AFTER UPDATE ON "api_keys" FOR EACH ROW
  WHEN (NEW.revoked_at IS NOT NULL AND OLD.revoked_at IS DISTINCT FROM NEW.revoked_at)
  EXECUTE FUNCTION infoview_api_key_revoked();--> statement-breakpoint
CREATE TRIGGER "api_keys_deleted" AFTER DELETE ON "api_keys" FOR EACH ROW
  EXECUTE FUNCTION infoview_api_key_revoked();
