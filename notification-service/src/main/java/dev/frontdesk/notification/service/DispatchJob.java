package dev.frontdesk.notification.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.frontdesk.notification.client.SlackWebhook;
import dev.frontdesk.platform.secrets.SecretBox;
import dev.frontdesk.notification.client.TwilioMessages;
import dev.frontdesk.notification.config.NotificationsConfig;
import dev.frontdesk.notification.model.Delivery;
import dev.frontdesk.notification.model.DeliveryChannel;
import dev.frontdesk.notification.model.DeliveryStatus;
import dev.frontdesk.notification.model.SlackDestination;
import dev.frontdesk.notification.sms.OptOuts;
import dev.frontdesk.notification.sms.SmsTemplates;
import dev.frontdesk.notification.sms.TwilioMessageStatus;
import dev.frontdesk.platform.jobs.Batches;
import dev.frontdesk.platform.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Sends due Slack posts and SMS. Rows are claimed with {@code FOR UPDATE SKIP LOCKED} and a lease, so replicas
 * share the work and never send the same row twice at the same time; the HTTP call runs outside any transaction.
 * <p>
 * Retryable answers (429 with its {@code Retry-After}, 5xx, timeouts) put the row back with a later due time, up to
 * {@code max-attempts}. An SMS whose lease lapsed mid-send (the replica died) is failed, not resent: the provider
 * may have taken it, and an SMS goes at most once. A Slack post is resent (a duplicate post is harmless).
 */
@ApplicationScoped
public class DispatchJob {

    private static final Logger LOG = Logger.getLogger(DispatchJob.class);
    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final Duration MAX_BACKOFF = Duration.ofHours(1);
    /** Slack's answers that mean the webhook is gone; posting again will not help. */
    private static final Set<String> SLACK_GONE = Set.of("invalid_token", "no_service", "no_service_id", "team_disabled",
            "channel_not_found", "channel_is_archived", "action_prohibited", "no_team", "user_not_found",
            "posting_to_general_channel_denied");
    /** Every answer body Slack documents for incoming webhooks (INTEGRATIONS.md); others are not echoed. */
    private static final Set<String> SLACK_CODES = java.util.stream.Stream.concat(SLACK_GONE.stream(), java.util.stream.Stream.of("ok",
            "invalid_payload", "rollup_error", "too_many_attachments", "no_text",
            "missing_text_or_fallback_or_attachments", "invalid_blocks", "invalid_blocks_format", "rate_limited"))
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    /** Ends the recorded error of a post Slack refused as invalid (a 4xx that does not mean the webhook is gone). */
    public static final String OUR_FAULT = "our message was refused: a fault of ours, not of the destination";

    private static final String INTERRUPTED = """
            UPDATE delivery SET lease_until = NULL, updated_at = $1,
                status = CASE channel WHEN 'sms' THEN 'failed' ELSE status END,
                last_error = CASE channel WHEN 'sms' THEN 'interrupted while sending; outcome unknown, not resent' ELSE last_error END
            WHERE status = 'pending' AND channel <> 'socket' AND lease_until < $1""";
    // Slack: one post per organization at a time, none before the destination's next_post_at (about 1/s, or
    // Retry-After after a 429). SMS: no pacing.
    private static final String CLAIM = """
            UPDATE delivery SET lease_until = $2, attempts = attempts + 1, updated_at = $1
            WHERE id IN (
                SELECT d.id FROM delivery d
                WHERE d.status = 'pending' AND d.channel <> 'socket' AND d.due_at <= $1 AND d.lease_until IS NULL
                  AND (d.channel = 'sms' OR (
                      NOT EXISTS (SELECT 1 FROM slack_destination s WHERE s.org = d.org AND s.next_post_at > $1)
                      AND NOT EXISTS (SELECT 1 FROM delivery f WHERE f.org = d.org AND f.channel = 'slack'
                                      AND f.status = 'pending' AND f.lease_until IS NOT NULL)
                      AND d.id = (SELECT e.id FROM delivery e WHERE e.org = d.org AND e.channel = 'slack'
                                    AND e.status = 'pending' AND e.due_at <= $1 AND e.lease_until IS NULL
                                  ORDER BY e.due_at, e.id LIMIT 1)))
                ORDER BY d.due_at LIMIT $3 FOR UPDATE SKIP LOCKED)
            RETURNING id, channel, attempts, org, payload::text AS payload""";
    private static final Duration SLACK_PACE = Duration.ofSeconds(1);

    private static final String SMS_CONTEXT = """
            SELECT d.recipient, d.type, d.not_after, b.uid AS booking_uid, coalesce(m.name, b.member_name) AS member_name,
                   b.host_name, b.start_at, coalesce(m.time_zone, b.member_time_zone) AS member_time_zone,
                   b.member_join_url, b.title, t.body, t.active, coalesce(m.booked, true) AS member_booked,
                   EXISTS (SELECT 1 FROM sms_opt_out o WHERE o.phone = d.recipient) AS opted_out,
                   EXISTS (SELECT 1 FROM booking n LEFT JOIN booking_member nm ON nm.uid = n.uid AND nm.booked
                           WHERE n.org = b.org AND n.uid <> b.uid AND upper(n.status) NOT IN ('CANCELLED', 'REJECTED')
                             AND n.booked_at > b.booked_at
                             AND (lower(coalesce(nm.email, n.member_email)) = lower(coalesce(m.email, b.member_email))
                                  OR coalesce(nm.phone, n.member_phone) = coalesce(m.phone, b.member_phone))) AS booked_again
            FROM delivery d
            LEFT JOIN booking b ON b.uid = d.subject_id
            LEFT JOIN booking_member m ON m.uid = d.subject_id AND m.member_key = d.member_key
            LEFT JOIN LATERAL (SELECT body, active FROM sms_template
                               WHERE key = d.type AND org IN (d.org, '*') ORDER BY org = '*' LIMIT 1) t ON true
            WHERE d.id = $1""";

    private final Pool pool;
    private final SlackWebhook slack;
    private final TwilioMessages twilio;
    private final Outbox outbox;
    private final NotificationsConfig config;
    private final Clock clock;
    private final SecretBox secrets;

    public DispatchJob(Pool pool, SlackWebhook slack, TwilioMessages twilio, Outbox outbox, NotificationsConfig config,
            Clock clock, SecretBox secrets) {
        this.secrets = secrets;
        this.pool = pool;
        this.slack = slack;
        this.twilio = twilio;
        this.outbox = outbox;
        this.config = config;
        this.clock = clock;
    }

    /**
     * What a send came to. {@code slackPause}: how long the org's Slack destination waits before its next post (null:
     * nothing was posted); {@code slackBroken}: Slack's reason the webhook is gone.
     */
    record Outcome(DeliveryStatus status, String error, Duration retryIn, String providerId, String providerStatus,
            boolean optOut, String slackBroken, Duration slackPause) {
        static Outcome of(DeliveryStatus status, String error) {
            return new Outcome(status, error, null, null, null, false, null, null);
        }

        static Outcome retry(String error, Duration in) {
            return new Outcome(DeliveryStatus.PENDING, error, in, null, null, false, null, null);
        }

        Outcome pausingSlack(Duration pause) {
            return new Outcome(status, error, retryIn, providerId, providerStatus, optOut, slackBroken, pause);
        }
    }

    @Scheduled(every = "${frontdesk.notifications.dispatch-interval}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> run() {
        return dispatchDue().replaceWithVoid();
    }

    /** Sends everything due now; the number of rows handled. */
    public Uni<Integer> dispatchDue() {
        return pool.preparedQuery(INTERRUPTED).execute(Tuple.of(now()))
                .chain(() -> Batches.drain(this::batch, config.dispatchBatchSize(), 10));
    }

    private Uni<Integer> batch() {
        OffsetDateTime now = now();
        return pool.preparedQuery(CLAIM).execute(Tuple.of(now, now.plus(LEASE), config.dispatchBatchSize()))
                .chain(rows -> {
                    if (rows.rowCount() == 0) {
                        return Uni.createFrom().item(0);
                    }
                    // The HTTP calls of a batch run side by side; their outcomes are recorded one after the other
                    // (one Hibernate session per context at a time).
                    List<Uni<Sent>> sends = new ArrayList<>();
                    for (Row row : rows) {
                        Claimed claimed = new Claimed(row.getUUID("id"), DeliveryChannel.of(row.getString("channel")),
                                row.getInteger("attempts"), row.getString("org"), row.getString("payload"));
                        sends.add(send(claimed).map(outcome -> new Sent(claimed.id(), outcome))
                                .onFailure().invoke(failure -> LOG.warnf("Delivery %s: %s (it is retried when its "
                                        + "lease lapses)", claimed.id(), failure.getMessage()))
                                .onFailure().recoverWithNull());
                    }
                    int count = rows.rowCount();
                    return Uni.join().all(sends).andFailFast()
                            .chain(sent -> Multi.createFrom().iterable(sent.stream().filter(java.util.Objects::nonNull).toList())
                                    .onItem().transformToUniAndConcatenate(done -> record(done.id(), done.outcome())
                                            .onFailure().invoke(failure -> LOG.warnf("Delivery %s: outcome not recorded: %s",
                                                    done.id(), failure.getMessage()))
                                            .onFailure().recoverWithNull())
                                    .collect().last())
                            .replaceWith(count);
                });
    }

    private record Sent(UUID id, Outcome outcome) {
    }

    /** A row this replica claimed. */
    record Claimed(UUID id, DeliveryChannel channel, int attempts, String org, String payload) {
    }

    private Uni<Outcome> send(Claimed claimed) {
        return claimed.channel() == DeliveryChannel.SLACK ? sendSlack(claimed) : sendSms(claimed);
    }

    private Uni<Outcome> sendSlack(Claimed delivery) {
        return pool.preparedQuery("SELECT webhook_url, broken_reason FROM slack_destination WHERE org = $1")
                .execute(Tuple.of(delivery.org()))
                .chain(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().item(Outcome.of(DeliveryStatus.SKIPPED, "slack not configured for this organization"));
                    }
                    Row destination = rows.iterator().next();
                    if (destination.getString("broken_reason") != null) {
                        return Uni.createFrom().item(Outcome.of(DeliveryStatus.SKIPPED,
                                "slack destination broken: " + destination.getString("broken_reason")));
                    }
                    return slack.post(secrets.open(destination.getString("webhook_url")), delivery.payload())
                            .map(answer -> {
                                Outcome outcome = slackOutcome(delivery, answer);
                                return outcome.pausingSlack(answer.status() == 429 ? outcome.retryIn() : SLACK_PACE);
                            });
                });
    }

    /**
     * 200 posted; 429 after Retry-After; 5xx/unreachable with backoff; a gone webhook (or one that is no longer
     * allowed) marks the destination broken; any other 4xx is a fault of ours (e.g. {@code invalid_blocks}), logged
     * and failed without touching the destination, its error saying so ({@link #OUR_FAULT}). The recorded error
     * names Slack's documented code, never the foreign body itself: a destination that is not Slack must not be
     * readable through the delivery log.
     */
    private Outcome slackOutcome(Claimed delivery, SlackWebhook.Answer answer) {
        String body = answer.body() == null ? "" : answer.body().strip();
        if (answer.status() == 200) {
            return Outcome.of(DeliveryStatus.DELIVERED, null);
        }
        if (answer.status() == 0) {
            if (SlackWebhook.NOT_ALLOWED.equals(body)) {
                return new Outcome(DeliveryStatus.FAILED, "slack webhook host not allowed", null, null, null, false,
                        "webhook host not allowed", null);
            }
            return retryOrFail(delivery.attempts(), "slack unreachable", backoff(delivery.attempts()));
        }
        String code = SLACK_CODES.contains(body) ? body : "unexpected answer";
        String error = "slack " + answer.status() + ": " + code;
        if (answer.status() == 429) {
            return retryOrFail(delivery.attempts(), error,
                    answer.retryAfter() != null ? answer.retryAfter() : Duration.ofSeconds(30));
        }
        if (answer.status() >= 500) {
            return retryOrFail(delivery.attempts(), error, backoff(delivery.attempts()));
        }
        boolean gone = Set.of(401, 403, 404, 410).contains(answer.status()) || SLACK_GONE.contains(body);
        if (gone) {
            return new Outcome(DeliveryStatus.FAILED, error, null, null, null, false, code, null);
        }
        // invalid_blocks, invalid_payload, no_text, …: Slack refused what we built. Sending it again would not help,
        // and the destination is fine: later posts go on.
        LOG.errorf("Slack refused delivery %s's post as invalid (%s): a fault in our message, not the destination",
                delivery.id(), error);
        return Outcome.of(DeliveryStatus.FAILED, error + " (" + OUR_FAULT + ")");
    }

    private Uni<Outcome> sendSms(Claimed delivery) {
        return pool.preparedQuery(SMS_CONTEXT).execute(Tuple.of(delivery.id())).chain(rows -> {
            Row row = rows.iterator().next();
            Instant now = clock.instant();
            OffsetDateTime notAfter = row.getOffsetDateTime("not_after");
            if (notAfter != null && !now.isBefore(notAfter.toInstant())) {
                return Uni.createFrom().item(Outcome.of(DeliveryStatus.SKIPPED, "session already started"));
            }
            if (row.getString("booking_uid") == null) {
                return Uni.createFrom().item(Outcome.of(DeliveryStatus.SKIPPED, "booking unknown"));
            }
            if (!row.getBoolean("member_booked")) {
                return Uni.createFrom().item(Outcome.of(DeliveryStatus.SKIPPED, "seat cancelled"));
            }
            if (row.getString("body") == null || !row.getBoolean("active")) {
                return Uni.createFrom().item(Outcome.of(DeliveryStatus.SKIPPED, "template disabled"));
            }
            if (row.getBoolean("opted_out")) {
                return Uni.createFrom().item(Outcome.of(DeliveryStatus.SKIPPED, "recipient opted out of SMS"));
            }
            if (SmsTemplates.INACTIVE.equals(row.getString("type")) && row.getBoolean("booked_again")) {
                return Uni.createFrom().item(Outcome.of(DeliveryStatus.SKIPPED, "member booked again"));
            }
            if (!twilio.configured()) {
                return Uni.createFrom().item(Outcome.of(DeliveryStatus.SKIPPED, "twilio not configured"));
            }
            OffsetDateTime startAt = row.getOffsetDateTime("start_at");
            String text = SmsTemplates.render(row.getString("body"), new SmsTemplates.Values(row.getString("member_name"),
                    row.getString("host_name"), startAt == null ? null : startAt.toInstant(),
                    row.getString("member_time_zone"), row.getString("member_join_url"), row.getString("title")));
            return twilio.send(row.getString("recipient"), text).map(answer -> {
                if (answer.accepted()) {
                    String status = TwilioMessageStatus.of(answer.messageStatus()).orElse(TwilioMessageStatus.QUEUED)
                            .value();
                    return new Outcome(DeliveryStatus.SENT, null, null, answer.sid(), status, false, null, null);
                }
                String error = "twilio " + (answer.status() == 0 ? "" : answer.status() + " ")
                        + (answer.errorCode() == null ? "" : answer.errorCode() + ": ") + abbreviate(answer.errorMessage());
                if (answer.status() == 0 || answer.status() == 429 || answer.status() >= 500) {
                    return retryOrFail(delivery.attempts(), error,
                            answer.retryAfter() != null ? answer.retryAfter() : backoff(delivery.attempts()));
                }
                return new Outcome(DeliveryStatus.FAILED, error, null, null, null,
                        Integer.valueOf(OptOuts.TWILIO_OPTED_OUT).equals(answer.errorCode()), null, null);
            });
        });
    }

    private Outcome retryOrFail(int attempts, String error, Duration in) {
        return attempts >= config.maxAttempts() ? Outcome.of(DeliveryStatus.FAILED, error + " (gave up after "
                + attempts + " attempts)") : Outcome.retry(error, in);
    }

    private Duration backoff(int attempts) {
        Duration delay = config.retryBackoff().multipliedBy(1L << Math.min(20, Math.max(0, attempts - 1)));
        return delay.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : delay;
    }

    private Uni<Void> record(UUID id, Outcome outcome) {
        Instant now = clock.instant();
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session.find(Delivery.class, id)
                .call(delivery -> outcome.slackPause() == null && outcome.slackBroken() == null
                        ? Uni.createFrom().voidItem()
                        : session.find(SlackDestination.class, delivery.org).invoke(destination -> updateDestination(destination,
                                delivery.org, outcome, now)))
                .chain(delivery -> {
                    if (outcome.retryIn() != null) {
                        delivery.finish(DeliveryStatus.PENDING, outcome.error(), now);
                        delivery.dueAt = now.plus(outcome.retryIn());
                        return Uni.createFrom().voidItem();
                    }
                    delivery.finish(outcome.status(), outcome.error(), now);
                    delivery.providerId = outcome.providerId();
                    if (delivery.providerStatus == null) {
                        delivery.providerStatus = outcome.providerStatus();
                    }
                    Uni<Void> effects = Uni.createFrom().voidItem();
                    if (outcome.optOut()) {
                        effects = effects.chain(() -> OptOuts.record(session, delivery.recipient, now));
                    }
                    if (outcome.status() == DeliveryStatus.FAILED) {
                        // The channel stands for the recipient: phone numbers and webhook URLs stay in this service.
                        effects = effects.chain(() -> outbox.record(NotificationEvents.FAILED, delivery.subjectId,
                                new NotificationEvents.Failed(delivery.id, delivery.channel.value(), delivery.kind,
                                        delivery.type, delivery.subjectId, delivery.channel.value(), outcome.error(), now))
                                .replaceWithVoid());
                    }
                    return effects;
                })));
    }

    /** Paces the destination and marks it broken when Slack said the webhook is gone. */
    private static void updateDestination(SlackDestination destination, String org, Outcome outcome, Instant now) {
        if (destination == null) {
            return;
        }
        if (outcome.slackPause() != null) {
            destination.nextPostAt = now.plus(outcome.slackPause());
        }
        if (outcome.slackBroken() != null && destination.brokenReason == null) {
            destination.brokenReason = outcome.slackBroken().isEmpty() ? "rejected" : outcome.slackBroken();
            destination.brokenAt = now;
            LOG.warnf("Slack destination of organization %s is broken (%s): posts stop until an admin sets it again",
                    org, destination.brokenReason);
        }
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "";
        }
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
