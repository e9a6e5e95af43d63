-- The explorer's index keeps every block header field, so that an outsider can recompute a
-- block's hash from the REST block detail (docs/protocol.md, "Block hash"). The index is a copy
-- of the ledger: it is emptied here and the indexer reads every block again from the nodes,
-- filling the new columns for old blocks too.
delete from transactions;
delete from blocks;
alter table blocks add column state_hash varchar(128) not null;
alter table blocks add column results_hash varchar(128) not null;
alter table blocks add column receipts_root varchar(128) not null;
alter table blocks add column header_version integer not null;
