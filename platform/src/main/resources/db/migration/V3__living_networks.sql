-- Living networks: channel proposals have a kind and are applied on chain as a recorded
-- operation (a deployment with steps). A proposal to remove an organisation from the whole
-- consortium belongs to the consortium rather than to one channel.
alter table channel_proposals add column kind varchar(32) default 'ADD_ORGANIZATION' not null;
alter table channel_proposals add column consortium_id bigint references consortia(id);
alter table channel_proposals add column deployment_id bigint references deployments(id);
update channel_proposals set consortium_id = (select c.consortium_id from channels c where c.id = channel_proposals.channel_id);
alter table channel_proposals alter column consortium_id set not null;
alter table channel_proposals alter column channel_id drop not null;
-- Approved before the platform could apply changes on chain: they wait to be applied now.
update channel_proposals set status = 'APPROVED',
    note = 'Approved before changes could be applied on chain; the consortium leader may apply it now'
    where status = 'APPROVED_NOT_APPLIED';
create index channel_proposals_consortium on channel_proposals (consortium_id);

-- Action names of the new operations (ADD_ORGANIZATION, REMOVE_ORGANIZATION, REMOVE_MEMBER, ...).
alter table deployments alter column action set data type varchar(32);

-- The consortium's history also records channel changes (which channel) and the operations that
-- applied them.
alter table membership_events add column detail varchar(500);
