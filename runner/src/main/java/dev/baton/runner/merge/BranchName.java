package dev.baton.runner.merge;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;

final class BranchName {

    private BranchName() {
    }

    /**
     * Checks that a name can be a branch as it is: {@code main}, not {@code refs/heads/main}, {@code main~1}, or a
     * name git's own commands would take for an option.
     */
    static String require(String what, String name) {
        if (name == null || name.startsWith(Constants.R_REFS) || name.startsWith("-")
                || !Repository.isValidRefName(Constants.R_HEADS + name)) {
            throw new MergeException(MergeException.Reason.INVALID_REQUEST, what + " '" + name
                    + "' is not a branch name");
        }
        return name;
    }
}
