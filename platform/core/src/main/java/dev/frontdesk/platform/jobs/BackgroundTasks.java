package dev.frontdesk.platform.jobs;

import java.time.Duration;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Runs reactive work outside the request that asked for it: after a delay (a ring deadline) or at once (a job
 * nudged after a commit). Each run gets a fresh duplicated Vert.x context marked safe, which Hibernate Reactive
 * requires, as Quarkus gives its own handlers. Failures are logged; the job's periodic run is the safety net.
 */
@ApplicationScoped
public class BackgroundTasks {

    private static final Logger LOG = Logger.getLogger(BackgroundTasks.class);

    private final Vertx vertx;

    public BackgroundTasks(Vertx vertx) {
        this.vertx = vertx;
    }

    public void runSoon(String name, Supplier<Uni<?>> work) {
        runAfter(name, Duration.ZERO, work);
    }

    public void runAfter(String name, Duration delay, Supplier<Uni<?>> work) {
        vertx.setTimer(Math.max(1, delay.toMillis()), id -> {
            Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
            VertxContextSafetyToggle.setContextSafe(context, true);
            context.runOnContext(ignored -> work.get().subscribe().with(
                    done -> {
                    },
                    failure -> LOG.warnf("%s failed; its periodic run will retry: %s", name, failure.getMessage())));
        });
    }
}
