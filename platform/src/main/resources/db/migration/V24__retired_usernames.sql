-- The usernames of removed users, which no one may take again: an organisation user's name is their
-- on-chain account (<organisation>/<username>, holding tokens, NFTs and assets) and their name in the
-- audit trail; a newcomer given it inherited both.
create table retired_usernames (
    username varchar(64) primary key,
    organization_id bigint,
    retired_at bigint not null
);
