package dev.baton.command.directory;

import jakarta.persistence.LockModeType;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

import java.util.Optional;

interface DirectoryProjectRepository extends JpaRepository<DirectoryProject, String> {

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select p from DirectoryProject p where p.projectId = :projectId")
    Optional<DirectoryProject> lockById(String projectId);
}
