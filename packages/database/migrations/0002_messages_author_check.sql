ALTER TABLE "messages" ADD CONSTRAINT "messages_author_matches_type" CHECK (("messages"."author_type" = 'customer' and "messages"."author_user_id" is null)
        or ("messages"."author_type" = 'agent' and "messages"."author_customer_id" is null)
        or ("messages"."author_type" = 'system' and "messages"."author_user_id" is null and "messages"."author_customer_id" is null));