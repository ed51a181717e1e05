DROP INDEX "messages_tenant_search_idx";--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "thread_vector" "tsvector" DEFAULT ''::tsvector NOT NULL;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "notes_vector" "tsvector" DEFAULT ''::tsvector NOT NULL;--> statement-breakpoint
CREATE INDEX "tickets_tenant_thread_search_idx" ON "tickets" USING gin ("tenant_id","thread_vector");--> statement-breakpoint
CREATE INDEX "tickets_tenant_notes_search_idx" ON "tickets" USING gin ("tenant_id","notes_vector");--> statement-breakpoint
-- A ticket's words from its messages, kept by a trigger in the message's own transaction: public
-- messages (customer, agent) in thread_vector, internal notes in notes_vector, system lines in
-- neither. An insert appends the message's words; an edit, move (merge) or delete recomputes
-- the tickets concerned. Stripped: each word once, no positions, so a long thread stays small.
CREATE OR REPLACE FUNCTION sd_ticket_words(p_ticket uuid, p_internal boolean) RETURNS tsvector
LANGUAGE sql STABLE AS $$
  SELECT coalesce(strip(to_tsvector('simple'::regconfig, string_agg(body, ' '))), ''::tsvector)
  FROM messages
  WHERE ticket_id = p_ticket AND is_internal = p_internal AND author_type <> 'system'
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION sd_refresh_ticket_words(p_ticket uuid) RETURNS void
LANGUAGE sql AS $$
  UPDATE tickets
  SET thread_vector = sd_ticket_words(p_ticket, false), notes_vector = sd_ticket_words(p_ticket, true)
  WHERE id = p_ticket
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION sd_messages_ticket_words() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NEW.author_type <> 'system' THEN
      IF NEW.is_internal THEN
        UPDATE tickets SET notes_vector = notes_vector || strip(NEW.search_vector)
        WHERE tenant_id = NEW.tenant_id AND id = NEW.ticket_id;
      ELSE
        UPDATE tickets SET thread_vector = thread_vector || strip(NEW.search_vector)
        WHERE tenant_id = NEW.tenant_id AND id = NEW.ticket_id;
      END IF;
    END IF;
    RETURN NULL;
  END IF;
  PERFORM sd_refresh_ticket_words(OLD.ticket_id);
  IF TG_OP = 'UPDATE' AND NEW.ticket_id IS DISTINCT FROM OLD.ticket_id THEN
    PERFORM sd_refresh_ticket_words(NEW.ticket_id);
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER messages_ticket_words
  AFTER INSERT OR UPDATE OF body, is_internal, ticket_id, author_type OR DELETE ON messages
  FOR EACH ROW EXECUTE FUNCTION sd_messages_ticket_words();--> statement-breakpoint
-- The words of the messages already there; RLS binds this owner too, so each tenant in turn.
DO $$
DECLARE t uuid;
BEGIN
  FOR t IN SELECT id FROM tenants LOOP
    PERFORM set_config('app.tenant_id', t::text, true);
    UPDATE tickets k
    SET thread_vector = sd_ticket_words(k.id, false), notes_vector = sd_ticket_words(k.id, true);
  END LOOP;
  PERFORM set_config('app.tenant_id', '', true);
END $$;
