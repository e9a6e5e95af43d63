package io.consortia.platform.alert;

import java.util.List;

/**
 * Where a consortium's alerts are sent: a webhook (its secret is kept sealed and never part of
 * this value) or e-mail recipients.
 */
public record NotificationChannel(long id, long consortiumId, String name, Type type, String url,
        List<String> recipients, String createdBy, long createdAt) {

    public enum Type { WEBHOOK, EMAIL }
}
