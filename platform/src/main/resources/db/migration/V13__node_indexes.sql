-- Node ids are never reused within a consortium: a node's id names its Raft peer, directory,
-- certificates and metrics, and the other peers of a channel remember the address of a peer id.
-- The next index of an organisation's nodes in a consortium is kept here and only ever grows, so
-- a node added after one was deleted gets a fresh id. Nodes created before this table existed
-- count too (the platform takes the larger of this and their highest index + 1).
-- Portable (H2 and PostgreSQL).
create table node_indexes (
    consortium_id bigint not null references consortia(id),
    organization_id bigint not null references organizations(id),
    next_index integer not null,
    primary key (consortium_id, organization_id)
);
