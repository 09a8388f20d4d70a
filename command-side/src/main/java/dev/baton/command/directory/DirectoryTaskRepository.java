package dev.baton.command.directory;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface DirectoryTaskRepository extends JpaRepository<DirectoryTask, String> {

    @Query("select max(t.rank) from DirectoryTask t where t.projectId = :projectId and t.column = :column and t.taskId <> :except")
    String lastRank(String projectId, String column, String except);

    @Query("select max(t.rank) from DirectoryTask t where t.projectId = :projectId and t.column = :column and t.rank < :rank and t.taskId <> :except")
    String rankBelow(String projectId, String column, String rank, String except);

    @Query("select min(t.rank) from DirectoryTask t where t.projectId = :projectId and t.column = :column and t.rank > :rank and t.taskId <> :except")
    String rankAbove(String projectId, String column, String rank, String except);

    long countByProjectIdAndColumn(String projectId, String column);
}
