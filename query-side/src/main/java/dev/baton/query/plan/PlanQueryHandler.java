package dev.baton.query.plan;

import dev.baton.core.plan.FindGraphQuery;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import java.util.Optional;

@Component
class PlanQueryHandler {

    private final PlanReadModel plans;

    PlanQueryHandler(PlanReadModel plans) {
        this.plans = plans;
    }

    @QueryHandler
    Optional<GraphView> handle(FindGraphQuery query) {
        return plans.graph(query.graphId());
    }
}
