-- An organisation's admin may suspend a user (on leave, under investigation) and restore them later,
-- where removing them revokes their certificates and retires their name for good. A disabled user
-- cannot sign in and their sessions and tokens are ended; their certificates and on-chain account
-- stay. Every user existing before is enabled. Portable (H2 and PostgreSQL).
alter table users add column enabled boolean default true not null;
