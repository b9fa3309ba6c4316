package dev.frontdesk.notification.sms;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import dev.frontdesk.platform.problem.InvalidRequestException;
import dev.frontdesk.platform.problem.ResourceNotFoundException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * SMS templates: the four seeded defaults (organization {@code *}) and each organization's own edits, with
 * {@code {{placeholders}}} filled from the booking.
 */
@ApplicationScoped
public class SmsTemplates {

    public static final String PRE_SESSION = "pre-session-reminder";
    public static final String THANK_YOU = "post-session-thank-you";
    public static final String HOLIDAY = "holiday-message";
    public static final String INACTIVE = "inactive-48h-reminder";

    public static final Set<String> PLACEHOLDERS = Set.of("memberName", "hostName", "startTime", "joinUrl", "title");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z]+)\\s*}}");
    private static final DateTimeFormatter START = DateTimeFormatter.ofPattern("EEE d MMM, HH:mm zzz", Locale.ENGLISH);
    private static final int MAX_BODY = 1600;

    // An organization's own row wins over the default.
    private static final String EFFECTIVE = """
            SELECT DISTINCT ON (key) key, name, body, active, updated_at, org <> '*' AS customized
            FROM sms_template WHERE org IN ($1, '*') %s ORDER BY key, org = '*'""";

    private final Pool pool;
    private final Clock clock;

    public SmsTemplates(Pool pool, Clock clock) {
        this.pool = pool;
        this.clock = clock;
    }

    public record Template(String key, String name, String body, boolean active, boolean customized,
            OffsetDateTime updatedAt) {
    }

    /** What the placeholders are filled with; null values render as empty text. */
    public record Values(String memberName, String hostName, Instant startAt, String memberTimeZone,
            String joinUrl, String title) {
    }

    public Uni<List<Template>> list(String org) {
        return pool.preparedQuery(EFFECTIVE.formatted("")).execute(Tuple.of(org)).map(SmsTemplates::templates);
    }

    public Uni<Template> get(String org, String key) {
        return pool.preparedQuery(EFFECTIVE.formatted("AND key = $2")).execute(Tuple.of(org, key))
                .map(rows -> templates(rows).stream().findFirst()
                        .orElseThrow(() -> new ResourceNotFoundException("No SMS template '" + key + "'.")));
    }

    /** Saves the organization's version of a template; the body may only use the known placeholders. */
    public Uni<Template> save(String org, String key, String name, String body, Boolean active) {
        if (body == null || body.isBlank()) {
            throw new InvalidRequestException("body is required.");
        }
        if (body.length() > MAX_BODY) {
            throw new InvalidRequestException("body is longer than " + MAX_BODY + " characters (Twilio's limit).");
        }
        Set<String> unknown = new TreeSet<>();
        Matcher matcher = PLACEHOLDER.matcher(body);
        while (matcher.find()) {
            if (!PLACEHOLDERS.contains(matcher.group(1))) {
                unknown.add(matcher.group(1));
            }
        }
        if (!unknown.isEmpty()) {
            throw new InvalidRequestException("Unknown placeholders " + unknown + "; use " + new TreeSet<>(PLACEHOLDERS) + ".");
        }
        return get(org, key).chain(current -> pool.preparedQuery("""
                INSERT INTO sms_template (org, key, name, body, active, updated_at) VALUES ($1, $2, $3, $4, $5, $6)
                ON CONFLICT (org, key) DO UPDATE SET name = excluded.name, body = excluded.body,
                    active = excluded.active, updated_at = excluded.updated_at""")
                .execute(Tuple.from(new Object[] { org, key, name == null || name.isBlank() ? current.name() : name.strip(),
                        body, active == null ? current.active() : active, OffsetDateTime.now(clock) })))
                .chain(() -> get(org, key));
    }

    /** Back to the default. */
    public Uni<Template> reset(String org, String key) {
        return get(org, key).chain(() -> pool.preparedQuery("DELETE FROM sms_template WHERE org = $1 AND key = $2")
                .execute(Tuple.of(org, key))).chain(() -> get(org, key));
    }

    public static String render(String body, Values values) {
        Map<String, String> filled = Map.of(
                "memberName", nonNull(values.memberName()),
                "hostName", nonNull(values.hostName()),
                "startTime", values.startAt() == null ? "" : START.format(values.startAt().atZone(zone(values.memberTimeZone()))),
                "joinUrl", nonNull(values.joinUrl()),
                "title", nonNull(values.title()));
        Matcher matcher = PLACEHOLDER.matcher(body);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(filled.getOrDefault(matcher.group(1), "")));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static ZoneId zone(String timeZone) {
        try {
            return timeZone == null ? ZoneOffset.UTC : ZoneId.of(timeZone);
        } catch (RuntimeException e) {
            return ZoneOffset.UTC;
        }
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }

    private static List<Template> templates(RowSet<Row> rows) {
        List<Template> templates = new ArrayList<>();
        for (Row row : rows) {
            templates.add(new Template(row.getString("key"), row.getString("name"), row.getString("body"),
                    row.getBoolean("active"), row.getBoolean("customized"), row.getOffsetDateTime("updated_at")));
        }
        return templates;
    }
}
