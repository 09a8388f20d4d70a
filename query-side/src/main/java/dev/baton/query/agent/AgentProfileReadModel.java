package dev.baton.query.agent;

import dev.baton.query.support.ProjectionGenerations;
import dev.baton.query.support.ReadModelJson;
import dev.baton.query.access.AccessDirectory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Storage of the agent profiles read model; owned by the agent-profiles projection. */
@Component
public class AgentProfileReadModel {

    public static final String PROJECTION = "agent-profiles";
    private final JdbcTemplate jdbc;
    private final ProjectionGenerations generations;

    public AgentProfileReadModel(JdbcTemplate jdbc, ProjectionGenerations generations) {
        this.jdbc = jdbc;
        this.generations = generations;
    }

    public Optional<AgentProfileView> forUpdate(int gen, String id) {
        return jdbc.query("select data from rm_agent_profile where gen = ? and agent_profile_id = ?",
                (rs, i) -> ReadModelJson.read(rs.getString(1), AgentProfileView.class), gen, id).stream().findFirst();
    }

    public void insert(int gen, AgentProfileView profile, long position) {
        jdbc.update("insert into rm_agent_profile (gen, agent_profile_id, created_position, name, data) values (?, ?, ?, ?, ?)",
                gen, profile.agentProfileId(), position, profile.name(), ReadModelJson.write(profile));
    }

    public void update(int gen, AgentProfileView profile) {
        jdbc.update("update rm_agent_profile set name = ?, data = ? where gen = ? and agent_profile_id = ?",
                profile.name(), ReadModelJson.write(profile), gen, profile.agentProfileId());
    }

    public void delete(int gen, String id) {
        jdbc.update("delete from rm_agent_profile where gen = ? and agent_profile_id = ?", gen, id);
    }

    public Optional<AgentProfileView> profile(String id) {
        return forUpdate(serving(), id);
    }

    /**
     * Profiles in creation order after the cursor (a creation position), one more than asked to detect a next page;
     * with {@code viewerId} set, only those the viewer may see ({@link AccessDirectory#visibleProjects}: a profile is
     * an owned root like a project).
     */
    public List<ProfileRow> profiles(long afterPosition, int limit, String viewerId, boolean viewerIsAdmin) {
        List<Object> arguments = new ArrayList<>(List.of(serving(), afterPosition));
        String visible = "";
        if (viewerId != null) {
            visible = " and " + AccessDirectory.visibleProjects("agent_profile_id", viewerIsAdmin);
            arguments.addAll(List.of(viewerId, viewerId));
        }
        arguments.add(limit + 1);
        return jdbc.query("select created_position, data from rm_agent_profile where gen = ? and created_position > ?"
                        + visible + " order by created_position limit ?",
                (rs, i) -> new ProfileRow(rs.getLong(1), ReadModelJson.read(rs.getString(2), AgentProfileView.class)),
                arguments.toArray());
    }

    /** Names of all profiles by id, to label cards. */
    public Map<String, String> names() {
        Map<String, String> names = new HashMap<>();
        jdbc.query("select agent_profile_id, name from rm_agent_profile where gen = ?",
                rs -> {
                    names.put(rs.getString(1), rs.getString(2));
                }, serving());
        return names;
    }

    private int serving() {
        return generations.serving(PROJECTION);
    }

    public record ProfileRow(long createdPosition, AgentProfileView profile) {
    }
}
