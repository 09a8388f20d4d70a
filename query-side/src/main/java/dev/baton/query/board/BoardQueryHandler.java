package dev.baton.query.board;

import dev.baton.core.task.BoardFilter;
import dev.baton.core.task.FindBoardQuery;
import dev.baton.core.task.FindTaskQuery;
import dev.baton.query.agent.AgentProfileReadModel;
import dev.baton.query.attempt.AttemptReadModel;
import dev.baton.query.project.ProjectReadModel;
import dev.baton.query.project.ProjectView;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Answers the board (live or as of a position or time) and the task detail. */
@Component
class BoardQueryHandler {

    private final ProjectReadModel projects;
    private final TaskReadModel tasks;
    private final AgentProfileReadModel agentProfiles;
    private final AttemptReadModel attempts;

    BoardQueryHandler(ProjectReadModel projects, TaskReadModel tasks, AgentProfileReadModel agentProfiles,
                      AttemptReadModel attempts) {
        this.projects = projects;
        this.tasks = tasks;
        this.agentProfiles = agentProfiles;
        this.attempts = attempts;
    }

    @QueryHandler
    Optional<BoardView> handle(FindBoardQuery query) {
        String id = query.projectId();
        if (query.asOfPosition() != null) {
            long position = query.asOfPosition();
            return projects.asOfPosition(id, position).map(p -> board(p, cards(tasks.cardsAsOfPosition(id, position)),
                    position, String.valueOf(position), query.filter()));
        }
        if (query.asOfTime() != null) {
            return projects.asOfTime(id, query.asOfTime())
                    .map(p -> board(p, cards(tasks.cardsAsOfTime(id, query.asOfTime())),
                            tasks.positionAt(id, query.asOfTime()), query.asOfTime().toString(), query.filter()));
        }
        return projects.project(id).map(p -> board(p, tasks.cards(id, filters(query.filter())), tasks.lastPosition(id),
                null, query.filter()));
    }

    @QueryHandler
    Optional<TaskView> handle(FindTaskQuery query) {
        Map<String, String> names = agentProfiles.names();
        return tasks.task(query.taskId())
                .map(t -> TaskView.of(t, names.get(t.agentProfileId()), attempts.ofTask(t.taskId())));
    }

    private static List<BoardCard> cards(List<TaskState> states) {
        return states.stream().map(BoardCard::of).toList();
    }

    /** The board's columns in the project's order, each with its cards (that pass the filter) in rank order. */
    private BoardView board(ProjectView project, List<BoardCard> cards, long position, String asOf, BoardFilter filter) {
        Map<String, String> names = agentProfiles.names();
        boolean filtered = filters(filter);
        Map<String, List<CardJson>> byColumn = new HashMap<>();
        project.columns().forEach(column -> byColumn.put(column.id(), new ArrayList<>()));
        cards.stream().sorted(BoardCard.ORDER).forEach(card -> {
            String agentName = names.get(card.agentProfileId());
            List<CardJson> column = byColumn.get(card.column());
            if (column != null && (!filtered || matches(card.state(), agentName, filter))) {
                column.add(card.json(agentName));
            }
        });
        List<BoardView.ColumnView> columns = project.columns().stream()
                .map(column -> new BoardView.ColumnView(column.id(), column.name(), byColumn.get(column.id())))
                .toList();
        return new BoardView(project.projectId(), position, asOf, columns);
    }

    private static boolean filters(BoardFilter filter) {
        return filter != null && (filter.q() != null && !filter.q().isBlank() || !filter.labels().isEmpty()
                || !filter.agents().isEmpty() || !filter.statuses().isEmpty());
    }

    private static boolean matches(TaskState task, String agentName, BoardFilter filter) {
        if (filter.q() != null && !filter.q().isBlank()) {
            String needle = filter.q().toLowerCase(Locale.ROOT);
            boolean found = task.title().toLowerCase(Locale.ROOT).contains(needle)
                    || task.description() != null && task.description().toLowerCase(Locale.ROOT).contains(needle);
            if (!found) {
                return false;
            }
        }
        if (!filter.labels().isEmpty() && task.labels().stream().noneMatch(l -> containsIgnoringCase(filter.labels(), l))) {
            return false;
        }
        if (!filter.agents().isEmpty() && !(containsIgnoringCase(filter.agents(), task.agentProfileId())
                || containsIgnoringCase(filter.agents(), agentName))) {
            return false;
        }
        return filter.statuses().isEmpty() || containsIgnoringCase(filter.statuses(), task.status());
    }

    private static boolean containsIgnoringCase(List<String> values, String value) {
        return value != null && values.stream().anyMatch(v -> v.equalsIgnoreCase(value));
    }
}
