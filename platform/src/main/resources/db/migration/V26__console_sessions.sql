-- Console (browser) sessions, kept by Spring Session JDBC: in memory they were lost on every restart or
-- upgrade (every console user signed out) and were not shared between replicas behind one Ingress.
-- Spring Session's own schema (its schema-h2.sql and schema-postgresql.sql differ only in the type of
-- the attribute bytes; bytea is a binary type in both H2 and PostgreSQL), created here rather than by
-- its initializer so that one migration history describes the whole database. The attributes hold the
-- serialized security context (the signed-in user's id, name and credentials version and roles); a
-- session is deleted on sign-out, and StaleSessionFilter ends it once the user's password changes or
-- the user is disabled or removed. Expired rows are deleted by Spring Session's cleanup job
-- (spring.session.jdbc.cleanup-cron, every minute).
create table spring_session (
    primary_id char(36) not null,
    session_id char(36) not null,
    creation_time bigint not null,
    last_access_time bigint not null,
    max_inactive_interval int not null,
    expiry_time bigint not null,
    principal_name varchar(100),
    constraint spring_session_pk primary key (primary_id)
);

create unique index spring_session_ix1 on spring_session (session_id);
create index spring_session_ix2 on spring_session (expiry_time);
create index spring_session_ix3 on spring_session (principal_name);

create table spring_session_attributes (
    session_primary_id char(36) not null,
    attribute_name varchar(200) not null,
    attribute_bytes bytea not null,
    constraint spring_session_attributes_pk primary key (session_primary_id, attribute_name),
    constraint spring_session_attributes_fk foreign key (session_primary_id)
        references spring_session (primary_id) on delete cascade
);
