package dev.baton.api.moxxy;

import dev.baton.core.moxxy.MoxxyTracking;
import dev.baton.query.moxxy.MoxxyJobReadModel;
import dev.baton.runner.moxxy.TrackedMoxxyJob;
import dev.baton.runner.moxxy.TrackedMoxxyJobs;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

/** How moxxy jobs are followed ({@code baton.moxxy.*}), and the jobs to follow, from the read model. */
@Configuration
class MoxxyTrackingConfig {

    @Bean
    MoxxyTracking moxxyTracking(@Value("${baton.moxxy.poll-interval}") Duration pollInterval,
                                @Value("${baton.moxxy.max-backoff}") Duration maxBackoff,
                                @Value("${baton.moxxy.stall-after}") Duration stallAfter) {
        return new MoxxyTracking(pollInterval, maxBackoff, stallAfter);
    }

    @Bean
    TrackedMoxxyJobs trackedMoxxyJobs(MoxxyJobReadModel jobs) {
        return () -> jobs.active().stream().map(job -> new TrackedMoxxyJob(job.jobId(), job.agent(),
                job.moxxyJobId(), job.state(), job.lastEventId(), !"ok".equals(job.tracking()), job.startedBy()))
                .toList();
    }
}
