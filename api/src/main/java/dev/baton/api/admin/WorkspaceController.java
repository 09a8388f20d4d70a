package dev.baton.api.admin;

import dev.baton.api.web.ApiException;
import dev.baton.api.web.Envelope;
import dev.baton.runner.workspace.DiskUsage;
import dev.baton.runner.workspace.WorkspaceManager;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * Attempt workspaces on disk: {@code GET} lists them with their size and their attempt's status;
 * {@code POST .../cleanup} removes those the policy allows now ({@code ?keep_finished=P1D} overrides the age).
 */
@RestController
@RequestMapping("/api/v1/admin/workspaces")
class WorkspaceController {

    private final WorkspaceManager workspaces;
    private final WorkspaceJanitor janitor;

    WorkspaceController(WorkspaceManager workspaces, WorkspaceJanitor janitor) {
        this.workspaces = workspaces;
        this.janitor = janitor;
    }

    @GetMapping
    Envelope list() {
        DiskUsage usage = workspaces.diskUsage();
        return Envelope.ok(Map.of("total_bytes", usage.totalBytes(), "items", janitor.entries(usage)));
    }

    @PostMapping("/cleanup")
    Envelope cleanUp(@RequestParam(name = "keep_finished", required = false) String keepFinished) {
        return Envelope.ok(Map.of("removed", janitor.cleanUp(duration(keepFinished))));
    }

    private static Duration duration(String text) {
        if (text == null) {
            return null;
        }
        try {
            Duration duration = Duration.parse(text);
            if (duration.isNegative()) {
                throw ApiException.badParameter("keep_finished", "keep_finished must not be negative");
            }
            return duration;
        } catch (DateTimeParseException e) {
            throw ApiException.badParameter("keep_finished", "keep_finished must be an ISO-8601 duration such as P7D or PT12H");
        }
    }
}
