package io.consortia.platform.console;

import io.consortia.platform.organization.Organization;
import io.consortia.platform.organization.OrganizationService;
import java.util.HashMap;
import java.util.Map;

/** Organisation id to name, for pages that show ids from other features' records. */
public final class OrganizationNames {
    private OrganizationNames() {}

    public static Map<Long, String> of(OrganizationService organizations) {
        Map<Long, String> names = new HashMap<>();
        for (Organization o : organizations.all()) {
            names.put(o.id(), o.name());
        }
        return names;
    }
}
