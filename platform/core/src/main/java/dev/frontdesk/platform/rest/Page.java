package dev.frontdesk.platform.rest;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** One page of a listing: {@code page} counts from 0; {@code total} is the number of items over all pages. */
public record Page<T>(List<T> items, int page, int size, long total) {

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), page, size, total);
    }

    /** {@code %} and {@code _} typed by a user are literal in a LIKE pattern built from their search text. */
    public static String likePattern(String search) {
        return "%" + search.trim().toLowerCase(Locale.ROOT)
                .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
