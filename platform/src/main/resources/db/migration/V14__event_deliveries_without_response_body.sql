-- A webhook delivery records the receiver's HTTP status only, never what it answered: the URL is
-- the subscriber's choice, and an excerpt of the answer let whoever may subscribe read what an
-- address only the platform reaches serves (metrics, a cloud metadata service). The excerpts kept
-- so far go with the column.
alter table event_deliveries drop column response_excerpt;
