-- The monitoring history that outlives a platform restart: per node, one scraped sample per
-- consortia.monitoring.persisted.step (a minute by default), kept for
-- consortia.monitoring.persisted.retention. The full-resolution history stays in memory; the
-- console's charts read this table only for the time before it. Times are epoch milliseconds;
-- channels is a JSON object, channel name to that channel's counters in the sample.
-- node_id has no foreign key on purpose: a scrape round that races a node's deletion must not
-- lose the round's other rows; the writer removes the rows of nodes that no longer exist.
create table node_metric_history (
    node_id bigint not null,
    sampled_at bigint not null,
    up boolean not null,
    cpu_seconds double precision,
    rss_bytes bigint,
    disk_used_bytes bigint,
    disk_free_bytes bigint,
    disk_total_bytes bigint,
    channels varchar(65536) not null,
    primary key (node_id, sampled_at)
);
create index node_metric_history_by_time on node_metric_history(sampled_at);
