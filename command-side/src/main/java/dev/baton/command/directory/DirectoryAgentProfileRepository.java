package dev.baton.command.directory;

import org.springframework.data.jpa.repository.JpaRepository;

interface DirectoryAgentProfileRepository extends JpaRepository<DirectoryAgentProfile, String> {

    boolean existsByNameKeyAndAgentProfileIdNot(String nameKey, String agentProfileId);
}
