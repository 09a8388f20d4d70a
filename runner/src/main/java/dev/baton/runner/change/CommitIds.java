package dev.baton.runner.change;

import java.util.regex.Pattern;

/** Commit ids given to git must be hexadecimal ids, never an option or revision syntax. */
final class CommitIds {

    private static final Pattern HEX = Pattern.compile("[0-9a-f]{7,64}");

    private CommitIds() {
    }

    static String require(String what, String id) {
        if (id == null || !HEX.matcher(id).matches()) {
            throw new ChangeException(ChangeException.Reason.INVALID_REQUEST,
                    what + " '" + id + "' is not a commit id (7 to 64 lowercase hexadecimal digits)");
        }
        return id;
    }
}
