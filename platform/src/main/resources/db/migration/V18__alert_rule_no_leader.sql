-- The NO_LEADER rule kind is new: consortia whose default rules were created before it get it
-- too (as "Add the default rules" would), so that a lost quorum alerts without anyone asking.
insert into alert_rules (consortium_id, kind, threshold, window_seconds, for_seconds, enabled, created_by, created_at)
select d.consortium_id, 'NO_LEADER', 0, 0, 120, true, 'platform',
       cast(extract(epoch from current_timestamp) * 1000 as bigint)
from alert_defaults d
where not exists (select 1 from alert_rules r where r.consortium_id = d.consortium_id and r.kind = 'NO_LEADER');
