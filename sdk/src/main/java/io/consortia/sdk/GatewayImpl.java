package io.consortia.sdk;

import java.util.Objects;

final class GatewayImpl implements Gateway {
    private final GatewayContext context;

    GatewayImpl(GatewayContext context) {
        this.context = context;
    }

    @Override
    public Identity identity() {
        return context.identity();
    }

    @Override
    public Channel channel(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("channel name must not be blank");
        }
        return new ChannelImpl(name, context);
    }

    @Override
    public void close() {
        context.close();
    }
}
