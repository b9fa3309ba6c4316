package dev.frontdesk.notification.slack;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What Slack checks of an incoming-webhook message, for tests and for the Slack stub (which answers 400
 * {@code invalid_blocks} / {@code no_text} as Slack does): the Block Kit reference's limits, and Slack's formatting
 * rules for text that must not mention or link anything.
 */
public final class SlackRules {

    /** {@code <…>} in mrkdwn: a mention, channel, date or link to Slack. */
    private static final Pattern CONTROL = Pattern.compile("<([^<>]*)>");
    private static final Pattern QUOTE = Pattern.compile("(?m)^> ");
    private static final Pattern ENTITY = Pattern.compile("&(amp|lt|gt);");

    private SlackRules() {
    }

    /** Why Slack would refuse {@code message} (an empty list when it would post it). */
    public static List<String> violations(JsonNode message) {
        List<String> violations = new ArrayList<>();
        JsonNode text = message.get("text");
        if (text == null || !text.isTextual() || text.asText().isBlank()) {
            violations.add("no_text: top-level text missing");
        } else {
            if (text.asText().length() > SlackMessage.TEXT_LIMIT) {
                violations.add("msg_too_long: text is " + text.asText().length() + " characters");
            }
        }
        JsonNode blocks = message.path("blocks");
        if (!blocks.isMissingNode() && !blocks.isArray()) {
            violations.add("invalid_blocks: blocks is not an array");
            return violations;
        }
        if (blocks.size() > SlackMessage.BLOCKS_LIMIT) {
            violations.add("invalid_blocks: " + blocks.size() + " blocks");
        }
        for (int i = 0; i < blocks.size(); i++) {
            JsonNode block = blocks.get(i);
            String where = "blocks[" + i + "]";
            switch (block.path("type").asText()) {
                case "section" -> {
                    if (block.has("text")) {
                        textObject(violations, where + ".text", block.get("text"), SlackMessage.SECTION_TEXT_LIMIT);
                    }
                    JsonNode fields = block.path("fields");
                    if (fields.size() > SlackMessage.FIELDS_LIMIT) {
                        violations.add("invalid_blocks: " + where + " has " + fields.size() + " fields");
                    }
                    for (int f = 0; f < fields.size(); f++) {
                        textObject(violations, where + ".fields[" + f + "]", fields.get(f), SlackMessage.FIELD_TEXT_LIMIT);
                    }
                    if (!block.has("text") && fields.isEmpty()) {
                        violations.add("invalid_blocks: " + where + " has neither text nor fields");
                    }
                }
                case "header" -> {
                    if (!"plain_text".equals(block.path("text").path("type").asText())) {
                        violations.add("invalid_blocks: " + where + " header text must be plain_text");
                    }
                    textObject(violations, where + ".text", block.path("text"), SlackMessage.HEADER_TEXT_LIMIT);
                }
                case "divider" -> {
                }
                default -> violations.add("invalid_blocks: " + where + " of an unexpected type");
            }
        }
        return violations;
    }

    /**
     * The live markup in mrkdwn {@code text} that is not ours: every {@code <…>} but links to {@code ownBase}, every
     * {@code &} that is not one of Slack's three entities, every lone surrogate (a character cut in half).
     */
    public static List<String> foreignMarkup(String text, String ownBase) {
        List<String> foreign = new ArrayList<>();
        Matcher control = CONTROL.matcher(text);
        StringBuilder rest = new StringBuilder();
        while (control.find()) {
            if (!control.group(1).startsWith(ownBase) || control.group(1).indexOf('|') < 0) {
                foreign.add(control.group());
            }
            control.appendReplacement(rest, "");
        }
        control.appendTail(rest);
        String unquoted = QUOTE.matcher(rest).replaceAll(""); // "> " opening a line is a block quote
        if (unquoted.indexOf('<') >= 0 || unquoted.indexOf('>') >= 0) {
            foreign.add("a bare < or >");
        }
        String withoutEntities = ENTITY.matcher(text).replaceAll("");
        if (withoutEntities.indexOf('&') >= 0) {
            foreign.add("an & that is not &amp; &lt; &gt;");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && (i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1)))
                    || Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(text.charAt(i - 1)))) {
                foreign.add("a lone surrogate at " + i);
            }
        }
        return foreign;
    }

    private static void textObject(List<String> violations, String where, JsonNode object, int max) {
        if (!object.path("text").isTextual()) {
            violations.add("invalid_blocks: " + where + " has no text");
            return;
        }
        limit(violations, where, object.path("text").asText(), max);
    }

    private static void limit(List<String> violations, String where, String text, int max) {
        if (text.isEmpty() || text.length() > max) {
            violations.add("invalid_blocks: " + where + " is " + text.length() + " characters (1.." + max + ")");
        }
    }
}
