package dev.baton.core.run;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ResumeRunCommand(@TargetAggregateIdentifier String runId) {
}
