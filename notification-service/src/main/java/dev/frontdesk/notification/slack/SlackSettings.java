package dev.frontdesk.notification.slack;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import dev.frontdesk.notification.model.SlackDestination;
import dev.frontdesk.platform.problem.InvalidRequestException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Per-organization Slack destination. */
@ApplicationScoped
public class SlackSettings {

    /** The webhook URL is a credential: only its host is shown. */
    public record SlackView(boolean configured, String webhookHost, List<String> events, boolean broken,
            String brokenReason, Instant brokenAt, Instant updatedAt) {
    }

    private final Clock clock;

    public SlackSettings(Clock clock) {
        this.clock = clock;
    }

    @WithSession
    public Uni<SlackView> get(String org) {
        return Panache.getSession().chain(session -> session.find(SlackDestination.class, org)).map(SlackSettings::view);
    }

    /** Stores the destination; its URL has passed {@link WebhookDestinations}' checks. */
    @WithTransaction
    public Uni<SlackView> set(String org, String webhookUrl, Set<String> events) {
        checkEvents(events);
        return Panache.getSession().chain(session -> session.find(SlackDestination.class, org).chain(existing -> {
            SlackDestination destination = existing == null ? new SlackDestination() : existing;
            destination.org = org;
            destination.webhookUrl = webhookUrl;
            destination.events = new TreeSet<>(events).toArray(String[]::new);
            destination.brokenReason = null;
            destination.brokenAt = null;
            destination.updatedAt = clock.instant();
            return (existing == null ? session.persist(destination) : Uni.createFrom().voidItem()).replaceWith(destination);
        })).map(SlackSettings::view);
    }

    /** Only the events Slack posts exist for. */
    public static void checkEvents(Set<String> events) {
        Set<String> unknown = new TreeSet<>(events);
        Arrays.stream(SlackEvent.values()).map(SlackEvent::value).forEach(unknown::remove);
        if (!unknown.isEmpty()) {
            throw new InvalidRequestException("events", "Unknown events " + unknown + "; use "
                    + Arrays.stream(SlackEvent.values()).map(SlackEvent::value).toList() + ".");
        }
    }

    @WithTransaction
    public Uni<SlackView> remove(String org) {
        return Panache.getSession().chain(session -> session.find(SlackDestination.class, org)
                .chain(existing -> existing == null ? Uni.createFrom().voidItem() : session.remove(existing)))
                .replaceWith(view(null));
    }

    private static SlackView view(SlackDestination destination) {
        if (destination == null) {
            return new SlackView(false, null, List.of(), false, null, null, null);
        }
        return new SlackView(true, URI.create(destination.webhookUrl).getHost(), List.of(destination.events),
                destination.brokenReason != null, destination.brokenReason, destination.brokenAt, destination.updatedAt);
    }
}
