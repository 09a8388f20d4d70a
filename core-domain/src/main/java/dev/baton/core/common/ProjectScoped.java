package dev.baton.core.common;

/** An event that belongs to a project: the timeline and the streams index it by project. */
public interface ProjectScoped {
    String projectId();
}
