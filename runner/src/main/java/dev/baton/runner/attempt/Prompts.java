package dev.baton.runner.attempt;

import dev.baton.core.task.Steering;

import java.util.List;

/**
 * What the agent is told. A first attempt gets the task (title, description, acceptance criteria), the person's
 * extra instructions and the task's steerings. A follow-up that resumes the agent's own session gets only the
 * reviewer's feedback or the person's message, and the steerings the session has not seen, since the session already
 * holds the rest; one that cannot resume gets the task again with them. A steering that arrives while the agent works
 * is its next turn ({@link #steering}).
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
        if (!spec.steering().isEmpty()) {
            prompt.append("\n## Steering\nThe person steering this task said, oldest first:\n");
            appendSteerings(prompt, spec.steering());
        }
        if (hasText(spec.feedback())) {
            prompt.append("\n## Feedback on the previous attempt\nYour earlier changes are already in this working tree. ")
                    .append("A reviewer asked for these changes:\n").append(spec.feedback().strip()).append('\n');
        }
        return prompt.toString();
    }

    /** For a session that has seen the task's first {@code steeringsSeen} steerings. */
    static String resumed(AttemptSpec spec, int steeringsSeen) {
        StringBuilder prompt = new StringBuilder();
        List<Steering> unseen = spec.steering().subList(Math.min(steeringsSeen, spec.steering().size()),
                spec.steering().size());
        if (!unseen.isEmpty()) {
            prompt.append("The person steering this task said since:\n");
            appendSteerings(prompt, unseen);
            prompt.append('\n');
        }
        if (hasText(spec.feedback())) {
            prompt.append("A reviewer looked at your changes and asked for the following:\n\n")
                    .append(spec.feedback().strip()).append('\n');
        }
        if (hasText(spec.prompt())) {
            prompt.append(prompt.isEmpty() ? "" : "\n").append(spec.prompt().strip()).append('\n');
        }
        return prompt.toString();
    }

    /** The next turn of an agent at work: the steerings given since it started (or since its last such turn). */
    static String steering(List<Steering> steerings) {
        StringBuilder prompt = new StringBuilder("The person steering this task said, while you worked:\n");
        appendSteerings(prompt, steerings);
        return prompt.append("\nTake this into account and carry on with the task.\n").toString();
    }

    private static void appendSteerings(StringBuilder prompt, List<Steering> steerings) {
        for (Steering steering : steerings) {
            prompt.append("\n### Steering ").append(steering.index() + 1).append('\n').append(steering.comment().strip())
                    .append('\n');
            if (hasText(steering.promptPatch())) {
                prompt.append('\n').append(steering.promptPatch().strip()).append('\n');
            }
        }
    }

    private static boolean hasText(String text) {
        return text != null && !text.isBlank();
    }
}
