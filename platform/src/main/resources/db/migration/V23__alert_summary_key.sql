-- An alert's summary as a console message (key and arguments, a JSON array of strings), so the
-- console shows it in the reader's language; summary stays the English text of the REST API and
-- notifications. Alerts opened before have neither and show their summary.
alter table alerts add column summary_key varchar(100);
alter table alerts add column summary_args varchar(4000);
