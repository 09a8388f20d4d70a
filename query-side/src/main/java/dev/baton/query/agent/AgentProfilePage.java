package dev.baton.query.agent;

import java.util.List;

/** A page of agent profiles (a concrete type: Axon matches query answers by their declared type). */
public record AgentProfilePage(List<AgentProfileView> items, String next) {
}
