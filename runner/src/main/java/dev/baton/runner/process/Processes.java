package dev.baton.runner.process;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * What Linux's {@code /proc} says about processes. A process that has exited but was not reaped (a zombie, which is
 * what an agent re-attached after a restart becomes: its parent is init, and in a container init may never reap it)
 * does not count as running, unlike for {@link ProcessHandle#isAlive()}.
 */
public final class Processes {

    private static final Path PROC = Path.of("/proc");

    private Processes() {
    }

    /** Whether the process exists and has not exited. */
    public static boolean isRunning(long pid) {
        String stat = stat(PROC.resolve(Long.toString(pid)));
        return stat != null && state(stat) != 'Z';
    }

    /** Whether the process exists and is stopped by a signal (suspended: {@code T} in {@code /proc}). */
    public static boolean isSuspended(long pid) {
        String stat = stat(PROC.resolve(Long.toString(pid)));
        return stat != null && state(stat) == 'T';
    }

    /** Whether any process of the group (the agent or anything it started) has not exited. */
    public static boolean groupIsRunning(long groupId) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC, entry -> isNumber(entry.getFileName().toString()))) {
            for (Path entry : entries) {
                String stat = stat(entry);
                if (stat != null && state(stat) != 'Z' && group(stat).orElse(-1) == groupId) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw new IllegalStateException("cannot list the processes in /proc", e);
        }
    }

    private static String stat(Path process) {
        try {
            return Files.readString(process.resolve("stat"));
        } catch (IOException e) {
            return null; // gone
        }
    }

    /** The fields after the command name, which is in parentheses and may itself hold spaces and parentheses. */
    private static String[] fieldsAfterName(String stat) {
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    }

    private static char state(String stat) {
        return fieldsAfterName(stat)[0].charAt(0);
    }

    private static OptionalLong group(String stat) {
        String[] fields = fieldsAfterName(stat);
        return fields.length > 2 ? OptionalLong.of(Long.parseLong(fields[2])) : OptionalLong.empty();
    }

    private static boolean isNumber(String name) {
        return !name.isEmpty() && name.chars().allMatch(Character::isDigit);
    }
}
