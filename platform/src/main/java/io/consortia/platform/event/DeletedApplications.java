package io.consortia.platform.event;

import io.consortia.platform.gateway.ApplicationDeleted;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A deleted application's subscriptions are deleted with it, in its transaction, as an admin's
 * delete of each would (with their delivery history): nothing is delivered for it any more.
 */
@Component
class DeletedApplications {
    private final SubscriptionRepository repository;

    DeletedApplications(SubscriptionRepository repository) {
        this.repository = repository;
    }

    @EventListener
    void on(ApplicationDeleted deleted) {
        repository.ofApplication(deleted.applicationId()).forEach(s -> repository.delete(s.id()));
    }
}
