package io.consortia.platform.event;

import io.consortia.platform.system.WebhookDestinations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The platform's one rule of where webhooks may go, from consortia.events.webhooks; alert channels use it too. */
@Configuration(proxyBeanMethods = false)
class WebhookDestinationsConfig {

    @Bean
    WebhookDestinations webhookDestinations(EventProperties properties) {
        return new WebhookDestinations(properties.webhooks().allowPrivateDestinations());
    }
}
