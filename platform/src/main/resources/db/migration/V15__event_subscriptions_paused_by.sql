-- Who paused a subscription: PLATFORM (its organisation left the channel or the consortium; it
-- resumes by itself once the organisation is a member again) or ADMIN (it stays paused until an
-- admin resumes it); null while ACTIVE. Subscriptions the platform paused before this column say
-- so in last_error.
alter table event_subscriptions add column paused_by varchar(16);
update event_subscriptions set paused_by = 'PLATFORM'
    where status = 'PAUSED' and last_error like 'Paused by the platform: %';
update event_subscriptions set paused_by = 'ADMIN' where status = 'PAUSED' and paused_by is null;
