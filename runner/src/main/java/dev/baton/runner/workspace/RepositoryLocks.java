package dev.baton.runner.workspace;

import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One lock per repository (keyed by its git folder), held around the few git calls that write the files all of a
 * repository's worktrees share, so that parallel attempts never fail on git's own lock files:
 * <ul>
 *   <li>{@code fetch} rewrites remote-tracking refs, {@code packed-refs} and {@code FETCH_HEAD};</li>
 *   <li>{@code worktree add -b} creates the branch and registers the worktree while reading the other
 *       registrations: two at once fail with "failed to read .git/worktrees/…/commondir" (seen without the lock);
 *       {@code worktree prune} deletes registrations it thinks are stale, which could be one being added;</li>
 *   <li>{@code branch -D} (undoing a failed creation) rewrites {@code packed-refs} and {@code config}
 *       ({@code config.lock}).</li>
 * </ul>
 * Checking out the files of a new worktree only writes that worktree's own index and files: it runs outside the
 * lock, so workspaces of one project are filled in parallel. The lock is per JVM; git commands a user runs in their
 * own checkout meanwhile are not covered.
 */
final class RepositoryLocks {

    private final ConcurrentHashMap<Path, ReentrantLock> locks = new ConcurrentHashMap<>();

    <T> T call(Path gitDir, Supplier<T> work) {
        ReentrantLock lock = locks.computeIfAbsent(gitDir, key -> new ReentrantLock());
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    void run(Path gitDir, Runnable work) {
        call(gitDir, () -> {
            work.run();
            return null;
        });
    }
}
