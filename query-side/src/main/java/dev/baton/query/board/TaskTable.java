package dev.baton.query.board;

import dev.baton.query.support.ReadModelJson;
import dev.baton.query.support.SqlLists;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The live task rows of one generation in {@code rm_task}, and the boards' positions in {@code rm_project}. */
final class TaskTable implements TaskRows {

    private final JdbcTemplate jdbc;
    private final int gen;

    TaskTable(JdbcTemplate jdbc, int gen) {
        this.jdbc = jdbc;
        this.gen = gen;
    }

    @Override
    public Map<String, LiveTask> read(Collection<String> taskIds) {
        Map<String, LiveTask> rows = new HashMap<>();
        SqlLists.inChunks(List.copyOf(taskIds), (in, ids) -> jdbc.query("select task_id, position, position_ts, data"
                + " from rm_task where gen = ? and task_id in " + in, rs -> {
                    String data = rs.getString(4);
                    rows.put(rs.getString(1), new LiveTask(ReadModelJson.read(data, TaskState.class), rs.getLong(2),
                            rs.getTimestamp(3).toInstant(), data));
                }, SqlLists.args(gen, ids)));
        return rows;
    }

    @Override
    public List<String> idsOfProject(String projectId) {
        return jdbc.queryForList("select task_id from rm_task where gen = ? and project_id = ?", String.class, gen,
                projectId);
    }

    @Override
    public void write(Changes changes) {
        jdbc.batchUpdate("insert into rm_task (gen, task_id, project_id, column_id, card_rank, position, position_ts,"
                + " agent_profile_id, card, data) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", changes.inserted().stream()
                .map(row -> new Object[]{gen, row.taskId(), row.state().projectId(), row.state().column(), row.state().rank(),
                        row.position(), Timestamp.from(row.positionTs()), row.state().agentProfileId(),
                        CardJson.stored(row.state()), row.data()}).toList());
        jdbc.batchUpdate("update rm_task set column_id = ?, card_rank = ?, position = ?, position_ts = ?,"
                + " agent_profile_id = ?, card = ?, data = ? where gen = ? and task_id = ?", changes.updated().stream()
                .map(row -> new Object[]{row.state().column(), row.state().rank(), row.position(),
                        Timestamp.from(row.positionTs()), row.state().agentProfileId(), CardJson.stored(row.state()),
                        row.data(), gen, row.taskId()}).toList());
        jdbc.batchUpdate("delete from rm_task where gen = ? and task_id = ?",
                changes.deleted().stream().map(id -> new Object[]{gen, id}).toList());
        // a greater position may already be stored: an event that fills a gap in the store comes after later ones
        jdbc.batchUpdate("update rm_project set board_position = greatest(board_position, ?) where gen = ?"
                + " and project_id = ?", changes.boards().entrySet().stream()
                .map(board -> new Object[]{board.getValue(), gen, board.getKey()}).toList());
    }
}
