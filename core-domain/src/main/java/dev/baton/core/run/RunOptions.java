package dev.baton.core.run;

import dev.baton.core.common.Checks;
import dev.baton.core.common.DomainException;

import java.util.List;

/**
 * How a run goes: at most {@code maxAgents} attempts at once, each from and into {@code targetBranch}, by the agent
 * profile {@code agentProfileId} (null: each task's own); {@code mergePolicy} {@code manual} (a person approves) or
 * {@code auto_on_gates_pass}; {@code failurePolicy} {@code fail_fast}, {@code best_effort} or {@code retry} (up to
 * {@code retryLimit} more attempts per task, then as best effort).
 */
public record RunOptions(int maxAgents, String targetBranch, String agentProfileId, String mergePolicy,
                         String failurePolicy, int retryLimit) {

    public static final int MAX_AGENTS = 64;
    public static final int MAX_RETRIES = 10;
    public static final String MANUAL = "manual";
    public static final String AUTO_ON_GATES_PASS = "auto_on_gates_pass";
    public static final String FAIL_FAST = "fail_fast";
    public static final String BEST_EFFORT = "best_effort";
    public static final String RETRY = "retry";

    public static RunOptions checked(Integer maxAgents, String targetBranch, String agentProfileId, String mergePolicy,
                                     String failurePolicy, Integer retryLimit) {
        if (maxAgents == null || maxAgents < 1 || maxAgents > MAX_AGENTS) {
            throw DomainException.invalidField("max_agents", "max_agents must be from 1 to " + MAX_AGENTS);
        }
        String merge = mergePolicy == null ? MANUAL : mergePolicy;
        if (!List.of(MANUAL, AUTO_ON_GATES_PASS).contains(merge)) {
            throw DomainException.invalidField("merge_policy", "merge_policy must be manual or auto_on_gates_pass");
        }
        String failure = failurePolicy == null ? FAIL_FAST : failurePolicy;
        if (!List.of(FAIL_FAST, BEST_EFFORT, RETRY).contains(failure)) {
            throw DomainException.invalidField("failure_policy", "failure_policy must be fail_fast, best_effort or retry");
        }
        int retries = retryLimit == null ? (failure.equals(RETRY) ? 1 : 0) : retryLimit;
        if (retries < 0 || retries > MAX_RETRIES || (retries > 0 && !failure.equals(RETRY))) {
            throw DomainException.invalidField("retry_limit", "retry_limit is from 0 to " + MAX_RETRIES
                    + ", and only with failure_policy retry");
        }
        return new RunOptions(maxAgents, Checks.branch("target_branch", targetBranch), agentProfileId, merge, failure,
                retries);
    }

    public boolean autoMerge() {
        return mergePolicy.equals(AUTO_ON_GATES_PASS);
    }
}
