package dev.baton.core.common;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Pattern;

/** Field checks shared by the command handlers; each failure names the offending field. */
public final class Checks {

    public static final int MAX_NAME = 200;
    public static final int MAX_TEXT = 20_000;
    public static final int MAX_SHORT = 500;
    public static final int MAX_LIST = 200;
    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private Checks() {
    }

    public static String required(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            throw DomainException.invalidField(field, field + " is required");
        }
        return optional(field, value, maxLength).strip();
    }

    public static String optional(String field, String value, int maxLength) {
        if (value != null && value.length() > maxLength) {
            throw DomainException.invalidField(field, field + " is longer than " + maxLength + " characters");
        }
        return value;
    }

    /** A git branch name (as {@code git check-ref-format --branch} would take it), at most 200 characters. */
    public static String branch(String field, String value) {
        String branch = required(field, value, MAX_NAME);
        boolean valid = !branch.startsWith("-") && !branch.startsWith("/") && !branch.endsWith("/")
                && !branch.endsWith(".lock") && !branch.contains("..") && !branch.contains("//") && !branch.contains("@{")
                && branch.chars().noneMatch(c -> c <= ' ' || "~^:?*[\\\u007f".indexOf(c) >= 0);
        if (!valid) {
            throw DomainException.invalidField(field, field + " is not a valid git branch name");
        }
        return branch;
    }

    public static String optionalBranch(String field, String value) {
        return value == null ? null : branch(field, value);
    }

    public static List<String> strings(String field, List<String> values, int maxLength) {
        if (values == null) {
            return List.of();
        }
        if (values.size() > MAX_LIST) {
            throw DomainException.invalidField(field, field + " has more than " + MAX_LIST + " entries");
        }
        for (String value : values) {
            if (value == null || value.isBlank()) {
                throw DomainException.invalidField(field, field + " has an empty entry");
            }
            optional(field, value, maxLength);
        }
        return List.copyOf(values);
    }

    public static List<String> distinctStrings(String field, List<String> values, int maxLength) {
        List<String> checked = strings(field, values, maxLength);
        if (new HashSet<>(checked).size() != checked.size()) {
            throw DomainException.invalidField(field, field + " has duplicate entries");
        }
        return checked;
    }

    public static void ids(String field, Collection<String> ids) {
        for (String id : ids) {
            if (id == null || !UUID.matcher(id).matches()) {
                throw DomainException.invalidField(field, field + " must hold task ids (UUIDs)");
            }
        }
    }

    public static boolean isUuid(String value) {
        return value != null && UUID.matcher(value).matches();
    }
}
