package io.consortia.platform.event;

import java.util.Map;

/** One event as applications receive it: its place on the channel, its kind and its JSON body. */
record AppEvent(Position position, EventKind kind, Map<String, Object> data) {}
