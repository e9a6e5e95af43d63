package io.consortia.platform.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.TaskScheduler;

/**
 * Keeps the data directory private to the platform's user: it holds the H2 database (users'
 * password hashes, sealed custody keys), {@code master.key} and the nodes' keys and ledgers.
 * Before any bean is created (so before H2 opens its file) the directory is created, or made,
 * owner-only (0700); once the platform is ready, every 30 s after, and once more when it has
 * stopped, every file below it is made 0600 (an executable keeps its owner's execute bit) and
 * every directory 0700, which covers the files H2 and node processes create with the process
 * umask ({@code ./consortia start} sets 077, so they are owner-only from the start there). Between
 * two sweeps such a file is unreachable to others already, through the 0700 directory. What the
 * platform writes itself it creates owner-only ({@link OwnerOnly}). On file systems without
 * POSIX permissions this does nothing.
 *
 * <p>A bean factory post-processor because it must run before the data source exists; it is
 * also the listener that tightens once the platform is ready, and a disposable bean for the last sweep.
 */
@org.springframework.stereotype.Component
final class DataDirectory implements BeanFactoryPostProcessor, EnvironmentAware, Ordered,
        ApplicationListener<ApplicationReadyEvent>, DisposableBean {
    static final java.time.Duration SWEEP_INTERVAL = java.time.Duration.ofSeconds(30);
    private Path dataDir;

    @Override
    public void setEnvironment(Environment environment) {
        dataDir = Binder.get(environment).bind("consortia.data-dir", Path.class).orElse(Path.of("./data"));
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        try {
            OwnerOnly.createDirectories(dataDir);
            OwnerOnly.restrict(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data directory " + dataDir.toAbsolutePath(), e);
        }
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        OwnerOnly.tighten(dataDir);
        // what is created later with the process umask (nodes' ledgers and logs) is already out of
        // others' reach through the directory; tidy it too
        event.getApplicationContext().getBean(TaskScheduler.class)
                .scheduleWithFixedDelay(() -> OwnerOnly.tighten(dataDir), SWEEP_INTERVAL);
    }

    /**
     * Last of all beans (it was created first), after the database closed: what was written since
     * the last sweep, H2's trace file among them, is not left to the next start.
     */
    @Override
    public void destroy() {
        OwnerOnly.tighten(dataDir);
    }
}
