package dev.baton.query.moxxy;

import dev.baton.query.support.ProjectionGenerations;
import dev.baton.query.support.ReadModelJson;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Storage of the moxxy jobs read model, owned by the moxxy projection. */
@Component
public class MoxxyJobReadModel {

    private final JdbcTemplate jdbc;
    private final ProjectionGenerations generations;

    public MoxxyJobReadModel(JdbcTemplate jdbc, ProjectionGenerations generations) {
        this.jdbc = jdbc;
        this.generations = generations;
    }

    public void insert(int gen, MoxxyJobView job) {
        jdbc.update("insert into rm_moxxy_job (gen, job_id, project_id, data) values (?, ?, ?, ?)", gen, job.jobId(),
                job.projectId(), ReadModelJson.write(job));
    }

    public void update(int gen, MoxxyJobView job) {
        jdbc.update("update rm_moxxy_job set data = ?, active = ? where job_id = ? and gen = ?",
                ReadModelJson.write(job), !job.ended(), job.jobId(), gen);
    }

    /** A project's jobs, newest first. */
    public List<MoxxyJobView> ofProject(String projectId) {
        return jdbc.query("select data from rm_moxxy_job where project_id = ? and gen = ?",
                        (rs, i) -> ReadModelJson.read(rs.getString(1), MoxxyJobView.class), projectId,
                        generations.serving(MoxxyConnectionReadModel.PROJECTION)).stream()
                .sorted(Comparator.comparing(MoxxyJobView::startedAt).reversed()).toList();
    }

    /** The jobs that have not ended: those the tracker reads. */
    public List<MoxxyJobView> active() {
        return jdbc.query("select data from rm_moxxy_job where active and gen = ? order by job_id",
                (rs, i) -> ReadModelJson.read(rs.getString(1), MoxxyJobView.class),
                generations.serving(MoxxyConnectionReadModel.PROJECTION));
    }

    public Optional<MoxxyJobView> job(int gen, String jobId) {
        return jdbc.query("select data from rm_moxxy_job where job_id = ? and gen = ?",
                (rs, i) -> ReadModelJson.read(rs.getString(1), MoxxyJobView.class), jobId, gen).stream().findFirst();
    }

    public Optional<MoxxyJobView> job(String jobId) {
        return job(generations.serving(MoxxyConnectionReadModel.PROJECTION), jobId);
    }
}
