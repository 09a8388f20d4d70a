package dev.baton.runner.workspace;

import java.util.regex.Pattern;

/** Checks that an id can be used as a folder name and as part of a branch name as it is (UUIDs and the like). */
final class SafeId {

    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,99}");

    private SafeId() {
    }

    static String require(String what, String id) {
        if (id == null || !ALLOWED.matcher(id).matches()) {
            throw new WorkspaceException(WorkspaceException.Reason.INVALID_REQUEST, what + " '" + id
                    + "' cannot name a folder or a branch: use letters, digits, '-' and '_' (at most 100)");
        }
        return id;
    }
}
