package dev.baton.core.moxxy;

/**
 * One entry of a moxxy job's events list, as moxxy stores it: its id (moxxy's cursor, increasing within a job), its
 * type ({@code job_started}, {@code worker_started}, {@code worker_completed}, {@code done}…), its payload (moxxy's
 * {@code payload_json}, a JSON string) and moxxy's timestamp.
 */
public record MoxxyJobEntry(long id, String type, String payload, String createdAt) {
}
