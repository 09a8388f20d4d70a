package dev.baton.query.project;

import dev.baton.query.access.AccessDirectory;
import dev.baton.query.support.ProjectionGenerations;
import dev.baton.query.support.ReadModelJson;
import dev.baton.query.support.VersionedRows;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Storage of the projects read model (live rows and their history); owned by the board projection. */
@Component
public class ProjectReadModel {

    public static final String PROJECTION = "board";
    private final JdbcTemplate jdbc;
    private final ProjectionGenerations generations;

    public ProjectReadModel(JdbcTemplate jdbc, ProjectionGenerations generations) {
        this.jdbc = jdbc;
        this.generations = generations;
    }

    // --- reads (serving generation) ---

    public Optional<ProjectView> project(String projectId) {
        return jdbc.query("select data from rm_project where gen = ? and project_id = ?",
                        (rs, i) -> ReadModelJson.read(rs.getString(1), ProjectView.class), serving(), projectId)
                .stream().findFirst();
    }

    public Optional<Long> position(String projectId) {
        return jdbc.queryForList("select position from rm_project where gen = ? and project_id = ?", Long.class,
                serving(), projectId).stream().findFirst();
    }

    /**
     * Projects in creation order, starting after the cursor (a creation position); with a viewer, only those the
     * viewer may see (see {@link AccessDirectory#visibleProjects}).
     */
    public List<ProjectRow> projects(long afterPosition, int limit, boolean includeArchived, String viewerId,
                                     boolean viewerIsAdmin) {
        String visible = viewerId == null ? "" : " and " + AccessDirectory.visibleProjects("project_id", viewerIsAdmin);
        Object[] parameters = viewerId == null ? new Object[]{serving(), afterPosition}
                : new Object[]{serving(), afterPosition, viewerId, viewerId};
        return jdbc.query("select created_position, data from rm_project where gen = ? and created_position > ?"
                        + visible + " order by created_position",
                (rs, i) -> new ProjectRow(rs.getLong(1), ReadModelJson.read(rs.getString(2), ProjectView.class)),
                parameters).stream()
                .filter(row -> includeArchived || !row.project().archived())
                .limit(limit + 1L).toList();
    }

    public Map<String, Long> countsPerColumn(String projectId) {
        Map<String, Long> counts = new HashMap<>();
        jdbc.query("select column_id, count(*) from rm_task where gen = ? and project_id = ? group by column_id",
                rs -> {
                    counts.put(rs.getString(1), rs.getLong(2));
                }, serving(), projectId);
        return counts;
    }

    public Optional<ProjectView> asOfPosition(String projectId, long position) {
        int gen = serving();
        return jdbc.query("select data from rm_project_history where project_id = ? and " + VersionedRows.validAtPosition(),
                (rs, i) -> ReadModelJson.read(rs.getString(1), ProjectView.class), projectId, gen, position, position)
                .stream().findFirst();
    }

    public Optional<ProjectView> asOfTime(String projectId, Instant at) {
        Timestamp ts = Timestamp.from(at);
        return jdbc.query("select data from rm_project_history where project_id = ? and " + VersionedRows.validAtTime(),
                (rs, i) -> ReadModelJson.read(rs.getString(1), ProjectView.class), projectId, serving(), ts, ts)
                .stream().findFirst();
    }

    private int serving() {
        return generations.serving(PROJECTION);
    }

    public record ProjectRow(long createdPosition, ProjectView project) {
    }
}
