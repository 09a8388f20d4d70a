package dev.baton.api.admin;

import dev.baton.api.web.ApiException;
import dev.baton.api.web.Envelope;
import dev.baton.projections.admin.ProjectionAdmin;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/admin/projections")
class ProjectionController {

    private final ProjectionAdmin admin;

    ProjectionController(ProjectionAdmin admin) {
        this.admin = admin;
    }

    @GetMapping
    Envelope list() {
        return Envelope.ok(admin.statuses());
    }

    /** Starts a rebuild from the first event; answers 202 at once, progress shows in the list. */
    @PostMapping("/{name}/replay")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Envelope replay(@PathVariable String name) {
        if (!admin.exists(name)) {
            throw ApiException.notFound("projection", name);
        }
        return Envelope.ok(admin.replay(name));
    }
}
