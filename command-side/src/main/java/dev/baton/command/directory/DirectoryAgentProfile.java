package dev.baton.command.directory;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "cmd_agent_profile")
class DirectoryAgentProfile {

    @Id
    @Column(name = "agent_profile_id")
    String agentProfileId;
    /** Lower-cased, so that names are unique whatever their case. */
    @Column(name = "name_key", nullable = false)
    String nameKey;

    protected DirectoryAgentProfile() {
    }

    DirectoryAgentProfile(String agentProfileId, String nameKey) {
        this.agentProfileId = agentProfileId;
        this.nameKey = nameKey;
    }
}
