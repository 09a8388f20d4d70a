package dev.baton.projections.admin;

import com.fasterxml.jackson.annotation.JsonInclude;

/** GET /admin/projections: where a projection is, how far behind the store, and whether it is being rebuilt. */
public record ProjectionStatus(String name, long position, long lag, String status,
                               @JsonInclude(JsonInclude.Include.NON_NULL) Double replayProgress) {
}
