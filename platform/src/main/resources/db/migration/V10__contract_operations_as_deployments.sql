-- A contract's lifecycle operations (propose, approve, commit, upgrade, freeze...) are recorded like every
-- other long action of the platform: as deployments with their steps (one progress mechanism, shown on the
-- consortium's deployments page too), marked with the channel and contract they act on. Their former tables
-- are moved over, steps in their order, and dropped. Actions are prefixed CONTRACT_ to tell them apart.
alter table deployments add column channel varchar(30);
alter table deployments add column contract varchar(64);
alter table deployments add column moved_from bigint;

insert into deployments (consortium_id, action, status, reason, requested_by, started_at, finished_at, channel,
        contract, moved_from)
    select consortium_id, 'CONTRACT_' || action, case status when 'DONE' then 'SUCCEEDED' else status end, reason,
           requested_by, started_at, finished_at, channel, contract, id
    from contract_operations order by id;

insert into deployment_steps (deployment_id, node_id, name, status, detail, started_at, finished_at)
    select d.id, null, s.name, s.status, s.detail, s.started_at, s.finished_at
    from contract_operation_steps s join deployments d on d.moved_from = s.operation_id order by s.id;

alter table deployments drop column moved_from;
drop table contract_operation_steps;
drop table contract_operations;

create index deployments_contract on deployments (consortium_id, channel, contract);
