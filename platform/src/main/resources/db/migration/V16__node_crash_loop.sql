-- Crashes of the current crash loop: max-restarts bounds these, not the lifetime count in
-- restarts. A crash more than consortia.node.crash-window after the previous one starts a new
-- loop; a start by hand (a deployment) ends the loop.
alter table nodes add column crash_streak integer not null default 0;
