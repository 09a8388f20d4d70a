package dev.baton.runner.moxxy;

import java.util.List;

/** Where the tracker finds the jobs that have not ended; the server answers from its read model. */
public interface TrackedMoxxyJobs {

    List<TrackedMoxxyJob> active();
}
