package dev.baton.command.directory;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "cmd_project")
class DirectoryProject {

    @Id
    @Column(name = "project_id")
    String projectId;
    /** Column ids, comma separated (ids cannot hold commas). */
    @Column(name = "column_ids", nullable = false)
    String columnIds;
    @Column(nullable = false)
    boolean archived;

    protected DirectoryProject() {
    }

    DirectoryProject(String projectId, String columnIds) {
        this.projectId = projectId;
        this.columnIds = columnIds;
    }
}
