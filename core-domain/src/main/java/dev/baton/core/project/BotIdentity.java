package dev.baton.core.project;

/** The git author used for commits made by agents in this project. */
public record BotIdentity(String name, String email) {

    public static final BotIdentity DEFAULT = new BotIdentity("Baton", "baton@localhost");
}
