package dev.baton.runner.merge;

import java.util.Collection;

final class FileNames {

    /** How many file names a message shows before it only counts the rest. */
    private static final int SHOWN = 10;

    private FileNames() {
    }

    /** The names for a message: {@code a.txt, b.txt}, or the first ones and {@code and 5 more}. */
    static String describe(Collection<String> files) {
        String shown = String.join(", ", files.stream().limit(SHOWN).toList());
        return files.size() <= SHOWN ? shown : shown + " and " + (files.size() - SHOWN) + " more";
    }
}
