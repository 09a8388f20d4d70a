package dev.baton.core.common;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Collects the names of the fields whose value differs, for "what changed" lists in events. */
public final class ChangedFields {

    private final List<String> names = new ArrayList<>();

    public ChangedFields compare(String field, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            names.add(field);
        }
        return this;
    }

    public List<String> names() {
        return List.copyOf(names);
    }
}
