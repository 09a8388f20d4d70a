package dev.baton.runner.attempt;

import java.util.List;

/**
 * What the agent is told. A first attempt gets the task (title, description, acceptance criteria) and the person's
 * extra instructions. A follow-up that resumes the agent's own session gets only the reviewer's feedback or the
 * person's message, since the session already holds the task; one that cannot resume gets the task again with them.
 */
final class Prompts {

    private Prompts() {
    }

    static String firstRun(AttemptSpec spec) {
        StringBuilder prompt = new StringBuilder("# Task: ").append(spec.taskTitle()).append('\n');
        if (hasText(spec.taskDescription())) {
            prompt.append('\n').append(spec.taskDescription().strip()).append('\n');
        }
        List<String> criteria = spec.acceptanceCriteria() == null ? List.of() : spec.acceptanceCriteria();
        if (!criteria.isEmpty()) {
            prompt.append("\n## Acceptance criteria\n");
            criteria.forEach(criterion -> prompt.append("- ").append(criterion).append('\n'));
        }
        if (hasText(spec.prompt())) {
            prompt.append("\n## Instructions\n").append(spec.prompt().strip()).append('\n');
        }
        if (hasText(spec.feedback())) {
            prompt.append("\n## Feedback on the previous attempt\nYour earlier changes are already in this working tree. ")
                    .append("A reviewer asked for these changes:\n").append(spec.feedback().strip()).append('\n');
        }
        return prompt.toString();
    }

    static String resumed(AttemptSpec spec) {
        StringBuilder prompt = new StringBuilder();
        if (hasText(spec.feedback())) {
            prompt.append("A reviewer looked at your changes and asked for the following:\n\n")
                    .append(spec.feedback().strip()).append('\n');
        }
        if (hasText(spec.prompt())) {
            prompt.append(prompt.isEmpty() ? "" : "\n").append(spec.prompt().strip()).append('\n');
        }
        return prompt.toString();
    }

    private static boolean hasText(String text) {
        return text != null && !text.isBlank();
    }
}
