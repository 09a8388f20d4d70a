package dev.baton.core.task;

import dev.baton.core.common.Checks;
import dev.baton.core.common.DomainException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The editable description of a task: what it is, how done is judged, and how it is classified. */
public record TaskDetails(String title, String description, List<ChecklistItem> checklist, List<String> labels,
                          Integer priority, Double estimate, List<String> focusFiles) {

    /** Optional fields a caller may clear by sending null. */
    public static final Set<String> CLEARABLE = Set.of("description", "priority", "estimate", "agent_profile_id");
    private static final int MAX_LABEL = 50;
    private static final double MAX_ESTIMATE = 10_000;

    public static TaskDetails checked(String title, String description, List<String> acceptanceCriteria,
                                      List<String> labels, Integer priority, Double estimate, List<String> focusFiles) {
        List<ChecklistItem> checklist = Checks.strings("acceptance_criteria", acceptanceCriteria, Checks.MAX_SHORT)
                .stream().map(text -> new ChecklistItem(text.strip(), false)).toList();
        return withChecklist(title, description, checklist, labels, priority, estimate, focusFiles);
    }

    private static TaskDetails withChecklist(String title, String description, List<ChecklistItem> checklist,
                                       List<String> labels, Integer priority, Double estimate, List<String> focusFiles) {
        String checkedTitle = Checks.required("title", title, Checks.MAX_NAME);
        Checks.optional("description", description, Checks.MAX_TEXT);
        List<String> checkedLabels = Checks.distinctStrings("labels", labels == null ? null
                : labels.stream().map(l -> l == null ? null : l.strip()).toList(), MAX_LABEL);
        if (priority != null && (priority < 0 || priority > 4)) {
            throw DomainException.invalidField("priority", "priority must be between 0 and 4");
        }
        if (estimate != null && (estimate.isNaN() || estimate < 0 || estimate > MAX_ESTIMATE)) {
            throw DomainException.invalidField("estimate", "estimate must be a number between 0 and " + (int) MAX_ESTIMATE);
        }
        List<String> files = Checks.distinctStrings("focus_files", focusFiles, Checks.MAX_SHORT);
        files.forEach(TaskDetails::requireRepositoryPath);
        return new TaskDetails(checkedTitle, description, List.copyOf(checklist), checkedLabels, priority, estimate, files);
    }

    /**
     * Applies the non-null fields and clears the {@code cleared} ones. A new acceptance list keeps the done mark
     * of every criterion whose text is unchanged.
     */
    public TaskDetails edited(String newTitle, String newDescription, List<String> newCriteria, List<String> newLabels,
                              Integer newPriority, Double newEstimate, List<String> newFocusFiles, Set<String> cleared) {
        for (String field : cleared) {
            if (!CLEARABLE.contains(field)) {
                throw DomainException.invalidField(field, field + " cannot be null");
            }
        }
        List<ChecklistItem> newChecklist = checklist;
        if (newCriteria != null) {
            newChecklist = new ArrayList<>();
            for (String text : Checks.strings("acceptance_criteria", newCriteria, Checks.MAX_SHORT)) {
                String stripped = text.strip();
                boolean done = checklist.stream().anyMatch(item -> item.text().equals(stripped) && item.done());
                newChecklist.add(new ChecklistItem(stripped, done));
            }
        }
        return withChecklist(newTitle != null ? newTitle : title,
                cleared.contains("description") ? null : newDescription != null ? newDescription : description,
                newChecklist, newLabels != null ? newLabels : labels,
                cleared.contains("priority") ? null : newPriority != null ? newPriority : priority,
                cleared.contains("estimate") ? null : newEstimate != null ? newEstimate : estimate,
                newFocusFiles != null ? newFocusFiles : focusFiles);
    }

    public TaskDetails withChecklistItem(int index, boolean done) {
        List<ChecklistItem> items = new ArrayList<>(checklist);
        items.set(index, new ChecklistItem(items.get(index).text(), done));
        return new TaskDetails(title, description, List.copyOf(items), labels, priority, estimate, focusFiles);
    }

    private static void requireRepositoryPath(String file) {
        Path path;
        try {
            path = Path.of(file);
        } catch (RuntimeException e) {
            throw DomainException.invalidField("focus_files", "focus file " + file + " is not a path");
        }
        if (path.isAbsolute() || file.startsWith("/") || path.normalize().startsWith("..")
                || List.of(file.split("[/\\\\]")).contains("..")) {
            throw DomainException.invalidField("focus_files", "focus files are paths inside the repository: " + file);
        }
    }
}
