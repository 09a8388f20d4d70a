package dev.baton.api.support;

import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.awaitility.Awaitility.await;

/**
 * Running {@link SamplePlan}: a `command` agent that writes one file per task (task-&lt;key&gt;.txt, listing the task
 * files it found when it started), and what the tests read back: the attempts' history from the timeline and the
 * files on the repository's main branch.
 */
public final class SampleRun {

    /** Fails for the key in $FAIL; appends its key to $STARTS (if set) when it starts. */
    public static final String AGENT_SCRIPT = """
            key=$(printf '%s' "$BATON_PROMPT" | sed -n 's/^# Task: Task \\([a-z0-9]*\\).*/\\1/p' | head -1)
            if [ -n "$STARTS" ]; then echo "$key" >> "$STARTS"; fi
            if [ -n "$FAIL" ] && [ "$key" = "$FAIL" ]; then echo "task $key cannot be done" >&2; exit 3; fi
            found=$(ls task-*.txt 2>/dev/null | tr '\\n' ' ')
            sleep "${PAUSE:-0.4}"
            echo "$found" > "task-$key.txt"
            """;

    private SampleRun() {
    }

    /** The project's attempt events in store order, as "type taskKey". */
    public static List<String> attemptHistory(Api api, String projectId, Map<String, String> taskIds) {
        Map<String, String> keys = new HashMap<>();
        taskIds.forEach((key, id) -> keys.put(id, key));
        List<String> history = new ArrayList<>();
        String after = "";
        while (true) {
            JsonNode page = api.get("/api/v1/timeline?limit=500&aggregate_type=Attempt&project_id=" + projectId + after)
                    .expect(200).data();
            page.get("items").forEach(item -> history.add(item.get("type").asText() + " "
                    + keys.get(item.get("payload").get("task_id").asText())));
            if (page.get("next").isNull()) {
                return history;
            }
            after = "&after=" + page.get("next").asText();
        }
    }

    /** The attempt history once the timeline shows every task of the plan merged (the timeline is a projection). */
    public static List<String> mergedHistory(Api api, String projectId, Map<String, String> taskIds) {
        List<List<String>> seen = new ArrayList<>(List.of(List.of()));
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            seen.set(0, attemptHistory(api, projectId, taskIds));
            return seen.get(0).stream().filter(entry -> entry.startsWith("AttemptMergedEvent ")).count()
                    == taskIds.size();
        });
        return seen.get(0);
    }

    /** The most attempts whose agent or gates were at work at the same moment, by the history. */
    public static int peakConcurrency(List<String> history) {
        int running = 0;
        int peak = 0;
        for (String entry : history) {
            String type = entry.split(" ")[0];
            if (type.equals("AttemptRunStartedEvent")) {
                peak = Math.max(peak, ++running);
            } else if (Set.of("AttemptSubmittedForReviewEvent", "AttemptFailedEvent", "AttemptCancelledEvent")
                    .contains(type)) {
                running--;
            }
        }
        return peak;
    }

    /** The content of a file on the repository's main branch, or null when it has no such file. */
    public static String onMain(Path repo, String file) throws IOException {
        try (Git git = Git.open(repo.toFile())) {
            RevCommit head = git.getRepository().parseCommit(git.getRepository().resolve(Constants.R_HEADS + "main"));
            try (TreeWalk walk = TreeWalk.forPath(git.getRepository(), file, head.getTree())) {
                return walk == null ? null : new String(git.getRepository().open(walk.getObjectId(0)).getBytes(),
                        StandardCharsets.UTF_8).strip();
            }
        }
    }
}
