package dev.baton.runner.secret;

import java.util.List;
import java.util.Map;

/**
 * Where the runner finds the provider keys of the user who started an attempt, to give that user's agent processes
 * and no one else's. The server keeps the keys sealed and implements this; each value is opened when an attempt's
 * agent starts and held in memory only.
 */
public interface ProviderKeyAccess {

    /** The opened keys by name, and the names of those that can no longer be opened (to set again). */
    record Keys(Map<String, String> values, List<String> unreadable) {

        public static final Keys NONE = new Keys(Map.of(), List.of());

        public Keys {
            values = Map.copyOf(values);
            unreadable = List.copyOf(unreadable);
        }

        /** Names only: the values stay out of log lines and exception messages. */
        @Override
        public String toString() {
            return "Keys[" + values.keySet() + ", unreadable=" + unreadable + "]";
        }
    }

    /** The keys of the user named {@code username} (as events' metadata name them); none for anyone else. */
    Keys keysOf(String username);
}
