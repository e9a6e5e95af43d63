package io.consortia.platform.organization;

import io.consortia.platform.identity.Caller;
import io.consortia.platform.system.PlatformException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Organisations: the directory (names are public to signed-in users) and their creation. */
@Service
public class OrganizationService {
    static final String NAME = "[a-z0-9][a-z0-9-]{1,39}";
    private final JdbcClient jdbc;

    OrganizationService(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional
    public Organization create(Caller caller, String name, String displayName) {
        if (!OrganizationPolicy.canCreate(caller)) {
            throw PlatformException.forbidden("Only a platform admin may do this");
        }
        if (byName(name).isPresent()) {
            throw PlatformException.conflict("Organisation '" + name + "' already exists");
        }
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("insert into organizations (name, display_name, created_at) values (?, ?, ?)")
                .params(name, displayName == null || displayName.isBlank() ? name : displayName.strip(),
                        System.currentTimeMillis())
                .update(keys, "id");
        return get(keys.getKey().longValue());
    }

    public Organization get(long id) {
        return jdbc.sql("select * from organizations where id = ?").param(id).query(OrganizationService::map)
                .optional().orElseThrow(() -> PlatformException.notFound("Organisation", id));
    }

    public Optional<Organization> byName(String name) {
        return jdbc.sql("select * from organizations where name = ?").param(name).query(OrganizationService::map)
                .optional();
    }

    public List<Organization> all() {
        return jdbc.sql("select * from organizations order by id").query(OrganizationService::map).list();
    }

    public List<Organization> byIds(Collection<Long> ids) {
        return all().stream().filter(o -> ids.contains(o.id())).toList();
    }

    /** Organisation id to name, for pages that show ids from other features' records. */
    public Map<Long, String> names() {
        Map<Long, String> names = new HashMap<>();
        for (Organization o : all()) {
            names.put(o.id(), o.name());
        }
        return names;
    }

    private static Organization map(ResultSet rs, int row) throws SQLException {
        return new Organization(rs.getLong("id"), rs.getString("name"), rs.getString("display_name"),
                rs.getLong("created_at"));
    }
}
