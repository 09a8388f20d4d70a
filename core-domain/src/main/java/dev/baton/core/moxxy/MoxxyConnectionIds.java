package dev.baton.core.moxxy;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** One moxxy connection per owner: its id is made from the owner's. */
public final class MoxxyConnectionIds {

    private MoxxyConnectionIds() {
    }

    public static String ofOwner(String owner) {
        return UUID.nameUUIDFromBytes(("baton-moxxy-connection:" + owner).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
