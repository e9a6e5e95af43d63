package io.consortia.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.consortia.protocol.v1.SubmitResponse;
import io.consortia.protocol.v1.TransactionStatus;
import io.consortia.protocol.v1.ValidationCode;
import io.consortia.sdk.gateway.GatewayClient;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.LockSupport;

/**
 * One client of {@code bench --gateway}: sends {@code POST /gateway/v1/channels/main/transactions}
 * with N {@code notarization.record} calls of hashes no other request uses, signed with its
 * organisation's access key (SDK {@link GatewayClient}), and records each call's outcome as the
 * platform reports it. Closed loop (next request once answered) or, with a rate, open loop on a
 * fixed schedule with latency from when each request was due, as {@link BenchClient} does.
 */
final class GatewayBenchClient implements Runnable {
    static final String PATH = "/gateway/v1/channels/main/transactions";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final GatewayClient gateway;
    private final Recorder recorder;
    private final int node;
    private final int perCall;
    private final long intervalNanos;
    private final long firstSendNanos;
    private final long stopNanos;
    private final ExecutorService senders;
    private final Semaphore outstanding = new Semaphore(BenchClient.MAX_OUTSTANDING);
    private final String prefix;
    private long seq;

    /** @param run distinguishes this run's hashes from every other run's */
    GatewayBenchClient(GatewayClient gateway, Recorder recorder, int index, int node, long run, int perCall,
            long intervalNanos, long firstSendNanos, long stopNanos, ExecutorService senders) {
        this.gateway = gateway;
        this.recorder = recorder;
        this.node = node;
        this.perCall = perCall;
        this.intervalNanos = intervalNanos;
        this.firstSendNanos = firstSendNanos;
        this.stopNanos = stopNanos;
        this.senders = senders;
        this.prefix = String.format(Locale.ROOT, "%016x%016x", run, (long) index);
    }

    @Override
    public void run() {
        if (intervalNanos == 0) {
            while (!Thread.currentThread().isInterrupted()) {
                String body = nextBody();
                long submitted = System.nanoTime();
                if (submitted >= stopNanos) {
                    return;
                }
                if (!send(body, submitted, submitted)) {
                    LockSupport.parkNanos(100_000_000L); // a platform that is down must not make a busy loop
                }
            }
            return;
        }
        long nextSend = firstSendNanos;
        while (!Thread.currentThread().isInterrupted()) {
            long wait = nextSend - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
                continue;
            }
            long intended = nextSend;
            nextSend += intervalNanos;
            String body = nextBody();
            try {
                outstanding.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            long submitted = System.nanoTime();
            if (submitted >= stopNanos) {
                outstanding.release();
                return;
            }
            try {
                senders.execute(() -> {
                    try {
                        send(body, submitted, intended);
                    } finally {
                        outstanding.release();
                    }
                });
            } catch (RejectedExecutionException e) {
                outstanding.release();
                return;
            }
        }
    }

    /** {"transactions":[{"contract":"notarization","function":"record","args":[hash,"bench"]}, ...]} */
    private synchronized String nextBody() {
        StringBuilder body = new StringBuilder(perCall * 140).append("{\"transactions\":[");
        for (int i = 0; i < perCall; i++) {
            body.append(i == 0 ? "" : ",").append("{\"contract\":\"notarization\",\"function\":\"record\",\"args\":[\"")
                    .append(prefix).append(String.format(Locale.ROOT, "%016x%016x", seq++, 0x9a7eL))
                    .append("\",\"bench\"]}");
        }
        return body.append("]}").toString();
    }

    private boolean send(String body, long submitted, long intended) {
        recorder.sent(submitted, perCall);
        try {
            GatewayClient.Response response = gateway.post(PATH, body);
            long answered = System.nanoTime();
            if (response.status() != 200) {
                recorder.failed(answered, perCall, new GatewayAnswer(response));
                return false;
            }
            recorder.answered(node, intended, answered, outcomes(response.body()));
            return true;
        } catch (RuntimeException e) {
            recorder.failed(System.nanoTime(), perCall, e);
            return false;
        }
    }

    /** The platform's outcomes as the node's answers, so that the recorder counts them as for the SDK path. */
    static List<SubmitResponse> outcomes(String body) {
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("the gateway answered no JSON: " + abbreviate(body), e);
        }
        List<SubmitResponse> out = new ArrayList<>();
        for (JsonNode outcome : json.path("transactions")) {
            out.add(SubmitResponse.newBuilder()
                    .setTransactionId(outcome.path("transactionId").asText())
                    .setStatus(enumOr(TransactionStatus.class, outcome.path("status").asText(),
                            TransactionStatus.TRANSACTION_STATUS_UNSPECIFIED))
                    .setCode(enumOr(ValidationCode.class, outcome.path("code").asText(), ValidationCode.VALIDATION_CODE_UNSPECIFIED))
                    .setReason(outcome.path("reason").asText(""))
                    .setBlockNumber(outcome.path("blockNumber").asLong())
                    .build());
        }
        return out;
    }

    private static <E extends Enum<E>> E enumOr(Class<E> type, String name, E otherwise) {
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            return otherwise;
        }
    }

    static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }

    /** A refused or failed request: its status and the start of its problem+json. */
    static final class GatewayAnswer extends RuntimeException {
        GatewayAnswer(GatewayClient.Response response) {
            super("HTTP " + response.status() + ": " + abbreviate(response.body()), null, false, false);
        }
    }
}
