package io.consortia.platform.event;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.consortia.platform.gateway.AccessKey;
import io.consortia.platform.gateway.Application;
import io.consortia.platform.gateway.ApplicationService;
import io.consortia.platform.system.PlatformException;
import io.consortia.protocol.v1.Block;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * A server-sent-event stream of one channel's events for an application. The stream holds its
 * request thread while open, so the number open at once is bounded (consortia.events.max-streams)
 * and each ends after consortia.events.stream-max-duration; an SSE client reconnects by itself,
 * sending the last event id it saw, and the stream resumes right after that event.
 */
@Component
class EventStream {
    private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);
    /** A comment line this often while there is nothing to send, so a vanished client is noticed. */
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    private static final ObjectMapper JSON = new ObjectMapper();
    private final SubscriptionService subscriptions;
    private final ApplicationService applications;
    private final BlockSource blocks;
    private final EventAccess access;
    private final EventProperties properties;
    private final Semaphore open;
    /** Set when the platform stops: open streams end at once rather than holding shutdown up. */
    private volatile boolean stopping;

    EventStream(SubscriptionService subscriptions, ApplicationService applications, BlockSource blocks,
            EventAccess access, EventProperties properties) {
        this.subscriptions = subscriptions;
        this.applications = applications;
        this.blocks = blocks;
        this.access = access;
        this.properties = properties;
        this.open = new Semaphore(properties.maxStreams());
    }

    @org.springframework.context.event.EventListener(org.springframework.context.event.ContextClosedEvent.class)
    void stopAll() {
        stopping = true;
    }

    void open(AccessKey key, String channel, String kind, String contract, List<String> eventNames, Long fromBlock,
            String lastEventId, HttpServletResponse response) throws IOException {
        Application application = applications.applicationOf(key);
        Position resumeAfter = null;
        if (lastEventId != null && !lastEventId.isBlank()) {
            try {
                resumeAfter = Position.parse(lastEventId);
            } catch (IllegalArgumentException e) {
                throw PlatformException.invalid("Last-Event-ID: " + e.getMessage());
            }
        }
        SubscriptionService.Checked checked = subscriptions.check(application, key, channel, kind, contract,
                eventNames, resumeAfter != null ? Long.valueOf(resumeAfter.block()) : fromBlock);
        Position cursor = resumeAfter != null ? resumeAfter.next() : Position.startOf(checked.fromBlock());
        if (!open.tryAcquire()) {
            throw new PlatformException(HttpStatus.SERVICE_UNAVAILABLE, "too-many-streams", "The platform already "
                    + "serves " + properties.maxStreams() + " event streams; reconnect later or use a webhook "
                    + "subscription");
        }
        try {
            response.setStatus(200);
            response.setContentType("text/event-stream");
            response.setCharacterEncoding("UTF-8");
            response.setHeader("Cache-Control", "no-cache");
            response.setHeader("X-Accel-Buffering", "no");
            OutputStream out = response.getOutputStream();
            write(out, "retry: " + properties.pollInterval().toMillis() + "\n\n");
            run(checked, key, application, cursor, out);
        } catch (IOException e) {
            LOG.debug("Event stream of {} ended: {}", key.accessKeyId(), e.getMessage());
        } finally {
            open.release();
        }
    }

    private void run(SubscriptionService.Checked checked, AccessKey key, Application application, Position start,
            OutputStream out) throws IOException {
        long deadline = System.nanoTime() + properties.streamMaxDuration().toNanos();
        long quietSince = System.nanoTime();
        Position cursor = start;
        while (!stopping && System.nanoTime() < deadline) {
            Optional<Block> block;
            boolean unanswered = false;
            try {
                block = blocks.block(checked.channel(), application.organizationId(), cursor.block());
            } catch (RuntimeException e) {
                block = Optional.empty(); // the nodes did not answer: try again after the poll interval
                unanswered = true;
            }
            boolean keepAliveDue = System.nanoTime() - quietSince > KEEP_ALIVE.toNanos();
            // the opening check is not enough: a key is revoked, an organisation removed, while the stream is
            // open. Checked before each block is sent, and when idle or refused (the nodes refuse a removed
            // organisation's reads), not every poll: that costs a few queries a block, not a second.
            if (block.isPresent() || unanswered || keepAliveDue) {
                Optional<String> lost = access.streamLost(key, checked.channel().id());
                if (lost.isPresent()) {
                    write(out, "event: end\ndata: " + JSON.writeValueAsString(java.util.Map.of("reason", lost.get()))
                            + "\n\n");
                    LOG.info("Event stream of {} ended: {}", key.accessKeyId(), lost.get());
                    return;
                }
            }
            if (block.isPresent()) {
                for (AppEvent event : checked.filter().eventsOf(block.get())) {
                    if (event.position().compareTo(cursor) >= 0) {
                        write(out, "id: " + event.position().id() + "\nevent: " + event.kind().name() + "\ndata: "
                                + JSON.writeValueAsString(event.data()) + "\n\n");
                        quietSince = System.nanoTime();
                    }
                }
                cursor = Position.startOf(cursor.block() + 1);
                continue;
            }
            if (keepAliveDue) {
                write(out, ": keep-alive\n\n");
                quietSince = System.nanoTime();
            }
            try {
                Thread.sleep(properties.pollInterval().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
