package dev.baton.core.project;

/** One check of a project's configuration, with an actionable message when it fails. */
public record ValidationCheck(String name, boolean ok, String message) {
}
