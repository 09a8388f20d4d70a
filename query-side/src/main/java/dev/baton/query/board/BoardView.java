package dev.baton.query.board;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** A project's board: its columns with their cards in rank order, as of {@code position}. */
public record BoardView(String projectId, long position, @JsonInclude(JsonInclude.Include.NON_NULL) String asOf,
                        List<ColumnView> columns) {

    public record ColumnView(String id, String name, List<CardJson> tasks) {
    }
}
