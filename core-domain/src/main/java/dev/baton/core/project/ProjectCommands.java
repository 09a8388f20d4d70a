package dev.baton.core.project;

/** The quality-gate commands of a project, each a shell command line or null. */
public record ProjectCommands(String install, String test, String lint) {

    public static final ProjectCommands NONE = new ProjectCommands(null, null, null);
}
