package dev.baton.bench;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a large, valid event store straight into {@code domain_event_entry} (the server must be stopped), in
 * exactly the format the server writes: Jackson snake_case payloads and metadata as UTF-8 JSON bytes,
 * {@code time_stamp} as an ISO-8601 string with milliseconds, {@code type} the aggregate type, the global index
 * from {@code axon_global_index_seq}, a fresh UUID per event, and per aggregate sequence numbers 0, 1, 2, ...
 *
 * <p>The history is realistic: projects (default columns) with tasks that are created and then moved from
 * column to column (a card appended at the end of its target column, ranks as the server computes them), with
 * every tenth change a details edit, and every tenth task depending on the task before it. Rounds interleave
 * all projects, as concurrent use would. One "big" project gets {@code bigProjectEvents} events (the as_of
 * scenario), the rest is spread over projects of 100 tasks.
 *
 * <p>The command side's lookup tables ({@code cmd_*}) are not written: replays do not read them (commands on
 * the seeded aggregates would be refused, and the benchmark sends none). The tracking tokens are set to the
 * head of the store, so the server starts "live" with empty read models and a replay rebuilds them.
 */
final class EventSeeder {

    record Seeded(long events, long firstPosition, long lastPosition, int projects, int tasks, String bigProjectId,
                  long bigProjectEvents, long bigProjectMiddlePosition, long millis) {
    }

    private static final String[] COLUMNS = {"backlog", "todo", "in_progress", "review", "done"};
    private static final String DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz";
    private static final long FIRST_HEAD = (36L * 36 * 36 * 36 * 36 * 36 - 1) / 2; // Rank.FIRST = "hzzzzz"
    private static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final String TOKEN_TYPE = "org.axonframework.eventhandling.GapAwareTrackingToken";
    private static final String[] PROCESSORS = {"board", "agent-profiles", "timeline"};

    private final boolean postgres;
    private final long targetEvents;
    private final int bigProjectEvents;
    private final int eventsPerTask;

    EventSeeder(boolean postgres, long targetEvents, int bigProjectEvents, int eventsPerTask) {
        this.postgres = postgres;
        this.targetEvents = targetEvents;
        this.bigProjectEvents = bigProjectEvents;
        this.eventsPerTask = eventsPerTask;
    }

    private static final class ProjectGen {
        final String id = uuid();
        final int index;
        final long[] nextHead = new long[COLUMNS.length];
        long events;

        ProjectGen(int index) {
            this.index = index;
            java.util.Arrays.fill(nextHead, FIRST_HEAD);
        }

        String append(int column) {
            return head(nextHead[column]++);
        }
    }

    private static final class TaskGen {
        final String id = uuid();
        final ProjectGen project;
        final int number;
        final String dependsOn;
        int column;
        long sequence = -1;
        int priority = 2;

        TaskGen(ProjectGen project, int number, String dependsOn) {
            this.project = project;
            this.number = number;
            this.dependsOn = dependsOn;
        }
    }

    /** A stored event row. */
    private record Row(long globalIndex, String aggregateId, long sequence, String type, String eventId,
                       String payloadType, String timeStamp, byte[] metaData, byte[] payload) {
    }

    Seeded seed(Connection c) throws SQLException {
        long t0 = System.nanoTime();
        c.setAutoCommit(false);
        // the layout: one big project, then projects of 100 tasks for the rest
        int tasksPerProject = 100;
        int bigTasks = Math.max(1, bigProjectEvents / eventsPerTask);
        long rest = Math.max(0, targetEvents - (long) bigTasks * eventsPerTask);
        int otherTasks = (int) (rest / eventsPerTask);
        int otherProjects = (otherTasks + tasksPerProject - 1) / tasksPerProject;
        List<ProjectGen> projects = new ArrayList<>();
        List<List<TaskGen>> tasksOf = new ArrayList<>();
        for (int p = 0; p <= otherProjects; p++) {
            ProjectGen project = new ProjectGen(p);
            projects.add(project);
            int count = p == 0 ? bigTasks : Math.min(tasksPerProject, otherTasks - (p - 1) * tasksPerProject);
            List<TaskGen> tasks = new ArrayList<>();
            for (int t = 0; t < count; t++) {
                String dependsOn = t % 10 == 9 ? tasks.get(t - 1).id : null;
                tasks.add(new TaskGen(project, t, dependsOn));
            }
            tasksOf.add(tasks);
        }
        // interleave: task t of every project, then task t+1 of every project, ...
        List<TaskGen> order = new ArrayList<>();
        int maxTasks = tasksOf.stream().mapToInt(List::size).max().orElse(0);
        for (int t = 0; t < maxTasks; t++) {
            for (List<TaskGen> tasks : tasksOf) {
                if (t < tasks.size()) {
                    order.add(tasks.get(t));
                }
            }
        }
        long totalEvents = projects.size() + (long) order.size() * eventsPerTask;
        long first = nextGlobalIndex(c);
        Sink sink = postgres ? new PostgresSink(c) : new H2Sink(c);
        long[] position = {first};
        long startMillis = System.currentTimeMillis() - totalEvents - 60_000; // one event per millisecond, in the past
        ProjectGen big = projects.get(0);
        long bigTotal = 1 + (long) bigTasks * eventsPerTask;
        long[] bigMiddle = {-1};
        Emitter emit = (aggregateId, sequence, type, payloadType, payload, metaData, project) -> {
            long index = position[0]++;
            String ts = ISO_MILLIS.format(Instant.ofEpochMilli(startMillis + (index - first)));
            sink.add(new Row(index, aggregateId, sequence, type, uuid(), payloadType, ts,
                    metaData.getBytes(StandardCharsets.UTF_8), payload.getBytes(StandardCharsets.UTF_8)));
            project.events++;
            if (project == big && project.events == bigTotal / 2) {
                bigMiddle[0] = index;
            }
        };
        for (ProjectGen p : projects) {
            emit.emit(p.id, 0, "Project", "dev.baton.core.project.ProjectCreatedEvent", projectCreated(p),
                    meta("CreateProjectCommand", "POST /api/v1/projects"), p);
        }
        for (int round = 0; round < eventsPerTask; round++) {
            for (TaskGen t : order) {
                t.sequence++;
                if (round == 0) {
                    t.column = 0;
                    emit.emit(t.id, t.sequence, "Task", "dev.baton.core.task.TaskCreatedEvent", taskCreated(t),
                            meta("CreateTaskCommand", "POST /api/v1/projects/" + t.project.id + "/tasks"), t.project);
                } else if (round % 10 == 5) {
                    t.priority = (t.priority + 1) % 5;
                    emit.emit(t.id, t.sequence, "Task", "dev.baton.core.task.TaskDetailsEditedEvent", edited(t),
                            meta("EditTaskCommand", "PATCH /api/v1/tasks/" + t.id), t.project);
                } else {
                    int from = t.column;
                    t.column = (t.column + 1) % COLUMNS.length;
                    emit.emit(t.id, t.sequence, "Task", "dev.baton.core.task.TaskMovedEvent", moved(t, from),
                            meta("MoveTaskCommand", "POST /api/v1/tasks/" + t.id + "/move"), t.project);
                }
            }
        }
        sink.flush();
        long last = position[0] - 1;
        try (Statement s = c.createStatement()) {
            if (postgres) {
                s.execute("select setval('axon_global_index_seq', " + last + ")");
            } else {
                s.execute("alter sequence axon_global_index_seq restart with " + (last + 1));
            }
        }
        setTokens(c, last);
        c.commit();
        c.setAutoCommit(true);
        if (postgres) {
            try (Statement s = c.createStatement()) {
                s.execute("analyze");
                s.execute("checkpoint");
            }
        }
        long millis = (System.nanoTime() - t0) / 1_000_000;
        return new Seeded(last - first + 1, first, last, projects.size(), order.size(), big.id, big.events,
                bigMiddle[0], millis);
    }

    @FunctionalInterface
    private interface Emitter {
        void emit(String aggregateId, long sequence, String type, String payloadType, String payload, String metaData,
                  ProjectGen project) throws SQLException;
    }

    private long nextGlobalIndex(Connection c) throws SQLException {
        String sql = postgres ? "select nextval('axon_global_index_seq')" : "select next value for axon_global_index_seq";
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            long next = rs.getLong(1);
            try (ResultSet max = s.executeQuery("select coalesce(max(global_index), 0) from domain_event_entry")) {
                max.next();
                return Math.max(next, max.getLong(1) + 1);
            }
        }
    }

    /** Every processor's token at the head: the server starts live, and a replay rebuilds from the first event. */
    private void setTokens(Connection c, long head) throws SQLException {
        byte[] token = ("{\"index\":" + head + ",\"gaps\":[]}").getBytes(StandardCharsets.UTF_8);
        String now = ISO_MILLIS.format(Instant.now());
        for (String processor : PROCESSORS) {
            int updated;
            try (PreparedStatement ps = c.prepareStatement("update token_entry set token = ?, token_type = ?, owner = null,"
                    + " timestamp = ? where processor_name = ? and segment = 0")) {
                ps.setBytes(1, token);
                ps.setString(2, TOKEN_TYPE);
                ps.setString(3, now);
                ps.setString(4, processor);
                updated = ps.executeUpdate();
            }
            if (updated == 0) {
                try (PreparedStatement ps = c.prepareStatement("insert into token_entry (processor_name, segment, owner,"
                        + " timestamp, token_type, token) values (?, 0, null, ?, ?, ?)")) {
                    ps.setString(1, processor);
                    ps.setString(2, now);
                    ps.setString(3, TOKEN_TYPE);
                    ps.setBytes(4, token);
                    ps.executeUpdate();
                }
            }
        }
    }

    // --- payloads, as the server's Jackson (snake_case) writes them ---

    private static String projectCreated(ProjectGen p) {
        return "{\"project_id\":\"" + p.id + "\",\"settings\":{\"name\":\"Seeded project " + p.index + "\",\"vision\":null,"
                + "\"repo_url\":null,\"local_path\":\"/tmp/baton-bench\",\"default_branch\":\"main\","
                + "\"commands\":{\"install\":null,\"test\":null,\"lint\":null},"
                + "\"columns\":[{\"id\":\"backlog\",\"name\":\"Backlog\"},{\"id\":\"todo\",\"name\":\"To Do\"},"
                + "{\"id\":\"in_progress\",\"name\":\"In Progress\"},{\"id\":\"review\",\"name\":\"Review\"},"
                + "{\"id\":\"done\",\"name\":\"Done\"}],"
                + "\"budgets\":{\"max_runtime_seconds\":null,\"max_attempts_per_hour\":null,\"max_tokens\":null,"
                + "\"max_parallel_attempts\":null},\"bot_identity\":{\"name\":\"Baton\",\"email\":\"baton@localhost\"}}}";
    }

    private static String details(TaskGen t) {
        return "{\"title\":\"Seeded task " + t.project.index + "-" + t.number + "\",\"description\":\"A task written by the"
                + " benchmark seeder\",\"checklist\":[{\"text\":\"it works\",\"done\":false},{\"text\":\"it is tested\","
                + "\"done\":false}],\"labels\":[\"bench\",\"seeded\"],\"priority\":" + t.priority + ",\"estimate\":null,"
                + "\"focus_files\":[\"src/main/App.java\"]}";
    }

    private static String taskCreated(TaskGen t) {
        return "{\"task_id\":\"" + t.id + "\",\"project_id\":\"" + t.project.id + "\",\"details\":" + details(t)
                + ",\"column\":\"backlog\",\"rank\":\"" + t.project.append(0) + "\",\"agent_profile_id\":null,"
                + "\"depends_on\":[" + (t.dependsOn == null ? "" : "\"" + t.dependsOn + "\"") + "]}";
    }

    private static String edited(TaskGen t) {
        return "{\"task_id\":\"" + t.id + "\",\"project_id\":\"" + t.project.id + "\",\"details\":" + details(t)
                + ",\"changed\":[\"priority\"]}";
    }

    private static String moved(TaskGen t, int from) {
        return "{\"task_id\":\"" + t.id + "\",\"project_id\":\"" + t.project.id + "\",\"from_column\":\"" + COLUMNS[from]
                + "\",\"to_column\":\"" + COLUMNS[t.column] + "\",\"rank\":\"" + t.project.append(t.column) + "\"}";
    }

    private static String meta(String commandType, String source) {
        String correlation = uuid();
        return "{\"causation_type\":\"" + commandType + "\",\"correlation_id\":\"" + correlation + "\",\"causation_id\":\""
                + uuid() + "\",\"source\":\"" + source + "\",\"user\":\"bench\",\"causation_causation_id\":\"request:"
                + correlation + "\"}";
    }

    static String head(long value) {
        char[] chars = new char[6];
        for (int i = 5; i >= 0; i--) {
            chars[i] = DIGITS.charAt((int) (value % 36));
            value /= 36;
        }
        return new String(chars);
    }

    private static String uuid() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long msb = (r.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }

    // --- writing rows ---

    private interface Sink {
        void add(Row row) throws SQLException;

        void flush() throws SQLException;
    }

    private static final String INSERT = "insert into domain_event_entry (global_index, aggregate_identifier,"
            + " sequence_number, type, event_identifier, payload_type, payload_revision, time_stamp, meta_data, payload)"
            + " values (?, ?, ?, ?, ?, ?, null, ?, ?, ?)";

    /** H2: batched inserts, a commit every 20,000 rows. */
    private static final class H2Sink implements Sink {
        private final Connection c;
        private final PreparedStatement ps;
        private int batched;
        private int uncommitted;

        H2Sink(Connection c) throws SQLException {
            this.c = c;
            this.ps = c.prepareStatement(INSERT);
        }

        @Override
        public void add(Row r) throws SQLException {
            ps.setLong(1, r.globalIndex());
            ps.setString(2, r.aggregateId());
            ps.setLong(3, r.sequence());
            ps.setString(4, r.type());
            ps.setString(5, r.eventId());
            ps.setString(6, r.payloadType());
            ps.setString(7, r.timeStamp());
            ps.setBytes(8, r.metaData());
            ps.setBytes(9, r.payload());
            ps.addBatch();
            if (++batched == 1000) {
                ps.executeBatch();
                batched = 0;
            }
            if (++uncommitted == 20_000) {
                c.commit();
                uncommitted = 0;
            }
        }

        @Override
        public void flush() throws SQLException {
            if (batched > 0) {
                ps.executeBatch();
                batched = 0;
            }
            ps.close();
        }
    }

    /** PostgreSQL: COPY in text format (bytea as \x hex), 20,000 rows per COPY. */
    private static final class PostgresSink implements Sink {
        private static final char[] HEX = "0123456789abcdef".toCharArray();
        private final Connection c;
        private final CopyManager copy;
        private final StringBuilder buffer = new StringBuilder(1 << 22);
        private int rows;

        PostgresSink(Connection c) throws SQLException {
            this.c = c;
            this.copy = c.unwrap(PGConnection.class).getCopyAPI();
        }

        @Override
        public void add(Row r) throws SQLException {
            buffer.append(r.globalIndex()).append('\t').append(r.aggregateId()).append('\t').append(r.sequence())
                    .append('\t').append(r.type()).append('\t').append(r.eventId()).append('\t').append(r.payloadType())
                    .append("\t\\N\t").append(r.timeStamp()).append('\t');
            hex(r.metaData());
            buffer.append('\t');
            hex(r.payload());
            buffer.append('\n');
            if (++rows == 20_000) {
                flush();
            }
        }

        private void hex(byte[] bytes) {
            buffer.append("\\\\x");
            for (byte b : bytes) {
                buffer.append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
            }
        }

        @Override
        public void flush() throws SQLException {
            if (rows == 0) {
                return;
            }
            try {
                copy.copyIn("copy domain_event_entry (global_index, aggregate_identifier, sequence_number, type,"
                        + " event_identifier, payload_type, payload_revision, time_stamp, meta_data, payload) from stdin",
                        new StringReader(buffer.toString()));
            } catch (java.io.IOException e) {
                throw new SQLException(e);
            }
            c.commit();
            buffer.setLength(0);
            rows = 0;
        }
    }
}
