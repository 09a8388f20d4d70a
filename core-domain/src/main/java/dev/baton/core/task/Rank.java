package dev.baton.core.task;

import java.nio.charset.StandardCharsets;

/**
 * Card order as strings that sort lexicographically (byte order, collation "C"). A rank is a fixed
 * six-digit base-36 head plus an optional fraction without trailing zeros, so a new rank always fits
 * between two neighbours without renumbering anything, and appending stays short (the head counts up).
 */
public final class Rank {

    private static final String DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz";
    private static final int BASE = DIGITS.length();
    private static final int HEAD = 6;
    private static final long MAX_HEAD = pow(BASE, HEAD) - 1;
    /** Digits of an appended card's fraction: 36^8 = 2.8e12 values, so two cards appended at once never share one. */
    static final int SEED_DIGITS = 8;
    /** The rank of the first card of an empty column: the middle of the head range. */
    public static final String FIRST = head(MAX_HEAD / 2);

    private Rank() {
    }

    /**
     * A rank strictly between {@code before} and {@code after}; either may be null for "no neighbour".
     *
     * @throws IllegalArgumentException if {@code before} does not sort before {@code after}
     */
    public static String between(String before, String after) {
        if (before == null && after == null) {
            return FIRST;
        }
        if (before != null && after != null && before.compareTo(after) >= 0) {
            throw new IllegalArgumentException("rank " + before + " does not sort before " + after);
        }
        if (after == null) {
            long head = headOf(before);
            return head < MAX_HEAD ? head(head + 1) : before.substring(0, HEAD) + midpoint(before.substring(HEAD), null);
        }
        if (before == null) {
            long head = headOf(after);
            return head > 0 ? head(head - 1) : after.substring(0, HEAD) + midpoint("", after.substring(HEAD));
        }
        long low = headOf(before);
        long high = headOf(after);
        if (high - low > 1) {
            return head(low + (high - low) / 2);
        }
        String lowFraction = before.substring(HEAD);
        return high == low
                ? before.substring(0, HEAD) + midpoint(lowFraction, after.substring(HEAD))
                : before.substring(0, HEAD) + midpoint(lowFraction, null);
    }

    /**
     * A rank after {@code last} (null: an empty column) for a card appended to a column: the rank {@link #between}
     * gives, plus a fraction of {@link #SEED_DIGITS} digits made from {@code seed} (the card's id). Cards appended at
     * the same moment, each seeing the same last card, so still get distinct ranks, ordered by their fractions; the
     * next card appended after any of them gets the next head.
     */
    public static String appended(String last, String seed) {
        return between(last, null) + seedFraction(seed);
    }

    /** Base-36 digits of a 64-bit hash of the seed, the last one never 0 (a fraction has no trailing zeros). */
    private static String seedFraction(String seed) {
        long hash = 0xcbf29ce484222325L; // FNV-1a
        for (byte b : seed.getBytes(StandardCharsets.UTF_8)) {
            hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
        }
        char[] digits = new char[SEED_DIGITS];
        for (int i = 0; i < SEED_DIGITS; i++) {
            digits[i] = DIGITS.charAt((int) Long.remainderUnsigned(hash, BASE));
            hash = Long.divideUnsigned(hash, BASE);
        }
        if (digits[SEED_DIGITS - 1] == '0') {
            digits[SEED_DIGITS - 1] = '1';
        }
        return new String(digits);
    }

    public static boolean isValid(String rank) {
        if (rank == null || rank.length() < HEAD || rank.endsWith("0") && rank.length() > HEAD) {
            return false;
        }
        return rank.chars().allMatch(c -> DIGITS.indexOf(c) >= 0);
    }

    /** A fraction strictly between a and b (b null = 1), neither with trailing zeros. */
    private static String midpoint(String a, String b) {
        if (b != null) {
            int n = 0;
            while (n < b.length() && charAt(a, n) == b.charAt(n)) {
                n++;
            }
            if (n > 0) {
                return b.substring(0, n) + midpoint(a.length() > n ? a.substring(n) : "", b.substring(n));
            }
        }
        int digitA = a.isEmpty() ? 0 : DIGITS.indexOf(a.charAt(0));
        int digitB = b != null ? DIGITS.indexOf(b.charAt(0)) : BASE;
        if (digitB - digitA > 1) {
            return String.valueOf(DIGITS.charAt((digitA + digitB + 1) / 2));
        }
        if (b != null && b.length() > 1) {
            return b.substring(0, 1);
        }
        return DIGITS.charAt(digitA) + midpoint(a.isEmpty() ? "" : a.substring(1), null);
    }

    private static char charAt(String s, int i) {
        return i < s.length() ? s.charAt(i) : '0';
    }

    private static long headOf(String rank) {
        long value = 0;
        for (int i = 0; i < HEAD; i++) {
            value = value * BASE + DIGITS.indexOf(rank.charAt(i));
        }
        return value;
    }

    private static String head(long value) {
        char[] chars = new char[HEAD];
        for (int i = HEAD - 1; i >= 0; i--) {
            chars[i] = DIGITS.charAt((int) (value % BASE));
            value /= BASE;
        }
        return new String(chars);
    }

    private static long pow(long base, int exponent) {
        long result = 1;
        for (int i = 0; i < exponent; i++) {
            result *= base;
        }
        return result;
    }
}
