package dev.baton.core.moxxy;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * One moxxy connection per owner: its id is made from the owner's. The owner is a user's id, or {@link #LOCAL} on a
 * server whose accounts are off (its one person).
 */
public final class MoxxyConnectionIds {

    public static final String LOCAL = "local";

    private MoxxyConnectionIds() {
    }

    public static String ofOwner(String owner) {
        return UUID.nameUUIDFromBytes(("baton-moxxy-connection:" + owner).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
