package dev.frontdesk.platform.inbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Work that follows a transaction's commit and never runs if it rolls back: a shortcut to an effect that the outbox
 * also brings, e.g. writing a frame to a socket of this replica as soon as the row that records it is committed,
 * instead of after the relay and a Kafka round trip. Nothing may depend on it: the replica can die between the
 * commit and the action, and a transaction opened elsewhere than {@link #transaction} runs no actions at all.
 * <p>
 * The actions of one transaction are kept in the Vert.x duplicated context that runs it (where Hibernate Reactive
 * keeps its session), run in the order registered once the commit succeeded, and the transaction's {@link Uni}
 * completes after them. A failed action is logged and does not fail the transaction's result.
 */
public final class AfterCommit {

    private static final Logger LOG = Logger.getLogger(AfterCommit.class);
    private static final String KEY = AfterCommit.class.getName();

    private AfterCommit() {
    }

    /** {@link Panache#withTransaction} that runs, after its commit, the actions registered inside it. */
    public static <T> Uni<T> transaction(Supplier<Uni<T>> work) {
        return Uni.createFrom().deferred(() -> {
            if (!VertxContext.isOnDuplicatedContext() || ContextLocals.get(KEY).isPresent()) {
                return Panache.withTransaction(work); // no context to collect in, or nested in a collecting one
            }
            List<Supplier<Uni<Void>>> actions = new ArrayList<>();
            ContextLocals.put(KEY, actions);
            return Panache.withTransaction(work)
                    .eventually(() -> ContextLocals.remove(KEY))
                    .call(() -> run(actions));
        });
    }

    /**
     * Registers {@code action} to run after the current {@link #transaction} commits.
     *
     * @return false, and the action is dropped, when the caller is not inside one
     */
    public static boolean register(Supplier<Uni<Void>> action) {
        Optional<List<Supplier<Uni<Void>>>> actions = VertxContext.isOnDuplicatedContext()
                ? ContextLocals.get(KEY)
                : Optional.empty();
        actions.ifPresent(list -> list.add(action));
        return actions.isPresent();
    }

    private static Uni<Void> run(List<Supplier<Uni<Void>>> actions) {
        if (actions.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Multi.createFrom().iterable(actions)
                .onItem().transformToUniAndConcatenate(action -> Uni.createFrom().<Void>deferred(action::get)
                        .onFailure().recoverWithUni(failure -> {
                            LOG.debugf("An after-commit action failed; the outbox brings its effect: %s",
                                    failure.getMessage());
                            return Uni.createFrom().voidItem();
                        }))
                .collect().last().replaceWithVoid();
    }
}
