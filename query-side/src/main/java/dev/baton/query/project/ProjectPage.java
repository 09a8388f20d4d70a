package dev.baton.query.project;

import java.util.List;

/** A page of projects (a concrete type: Axon matches query answers by their declared type). */
public record ProjectPage(List<ProjectView> items, String next) {
}
