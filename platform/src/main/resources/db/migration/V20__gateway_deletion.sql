-- Deleted applications and access keys stay as rows, hidden from lists and from the gateway: the
-- audit trail names them, and an application's name stays taken, since a new application of the
-- same name would sign on chain with the same subject (app:<name>).

alter table gateway_applications add column deleted_at bigint;
alter table gateway_applications add column deleted_by varchar(64);
alter table gateway_access_keys add column deleted_at bigint;
alter table gateway_access_keys add column deleted_by varchar(64);
