-- When last_error was written: the Nodes page and the API show it, NODE_DOWN says since when a
-- node is down, and the supervisor clears a note once the node has run healthy for
-- consortia.node.crash-window after it.
alter table nodes add column last_error_at bigint;
