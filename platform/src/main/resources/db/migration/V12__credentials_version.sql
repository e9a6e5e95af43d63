-- Moved on by every password change. A browser session remembers the version its user had when
-- it signed in and is refused once the user's has moved on, so a change ends the sessions
-- someone else may hold. Portable (H2 and PostgreSQL).
alter table users add column credentials_version integer default 0 not null;
