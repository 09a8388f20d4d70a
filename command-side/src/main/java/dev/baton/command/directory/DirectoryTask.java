package dev.baton.command.directory;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "cmd_task")
class DirectoryTask {

    @Id
    @Column(name = "task_id")
    String taskId;
    @Column(name = "project_id", nullable = false)
    String projectId;
    @Column(name = "column_id", nullable = false)
    String column;
    @Column(name = "card_rank", nullable = false)
    String rank;
    /** Task ids, comma separated. */
    @Column(name = "depends_on", nullable = false, length = 8000)
    String dependsOn;

    protected DirectoryTask() {
    }

    DirectoryTask(String taskId, String projectId, String column, String rank, String dependsOn) {
        this.taskId = taskId;
        this.projectId = projectId;
        this.column = column;
        this.rank = rank;
        this.dependsOn = dependsOn;
    }
}
