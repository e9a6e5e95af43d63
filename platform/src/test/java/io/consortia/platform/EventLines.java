package io.consortia.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.consortia.sdk.gateway.GatewayClient;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A signed server-sent-event stream read on a background thread: its text so far, and whether
 * the platform closed it. For tests that change something while a stream is open.
 */
final class EventLines {
    private final StringBuffer text = new StringBuffer();
    private final CountDownLatch ended = new CountDownLatch(1);

    private EventLines() {}

    /** Opens the stream and returns once it answered 200 (its first line, {@code retry:}, arrived). */
    static EventLines open(GatewayClient client, String path) {
        EventLines lines = new EventLines();
        CountDownLatch started = new CountDownLatch(1);
        Thread reader = new Thread(() -> lines.read(client, path, started), "event-lines");
        reader.setDaemon(true);
        reader.start();
        try {
            assertThat(started.await(30, TimeUnit.SECONDS)).as("the stream opens: " + lines.text()).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return lines;
    }

    private void read(GatewayClient client, String path, CountDownLatch started) {
        try {
            HttpRequest request = client.prepare("GET", path, new byte[0], client.newNonce());
            HttpResponse<InputStream> response = HttpClient.newHttpClient().send(request,
                    HttpResponse.BodyHandlers.ofInputStream());
            text.append("status: ").append(response.statusCode()).append('\n');
            try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    text.append(line).append('\n');
                    started.countDown();
                }
            }
        } catch (Exception e) {
            text.append("failed: ").append(e).append('\n');
        } finally {
            started.countDown();
            ended.countDown();
        }
    }

    String text() {
        return text.toString();
    }

    /** Fails unless the platform ends the stream within {@code patience}. */
    void awaitEnd(Duration patience) {
        try {
            assertThat(ended.await(patience.toMillis(), TimeUnit.MILLISECONDS))
                    .as("the stream ends; so far:\n" + text()).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
