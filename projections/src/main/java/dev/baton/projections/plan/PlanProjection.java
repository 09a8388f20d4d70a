package dev.baton.projections.plan;

import dev.baton.core.plan.PlanCompiledEvent;
import dev.baton.core.plan.PlanConfirmedEvent;
import dev.baton.core.plan.PlanVersionArchivedEvent;
import dev.baton.core.plan.PlanVersionSavedEvent;
import dev.baton.projections.support.ImmediateWrites;
import dev.baton.projections.support.ProjectionContext;
import dev.baton.query.plan.GraphView;
import dev.baton.query.plan.PlanReadModel;
import dev.baton.query.plan.PlanVersionView;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.function.UnaryOperator;

/** Builds the plans read model: every version of every plan, and the graphs compiled from them. */
@Component
@ProcessingGroup(PlanProjection.NAME)
public class PlanProjection {

    public static final String NAME = PlanReadModel.PROJECTION;
    public static final String[] TABLES = {"rm_plan_version", "rm_plan_graph"};

    private final PlanReadModel plans;
    private final ProjectionContext context;

    public PlanProjection(PlanReadModel plans, ProjectionContext context) {
        this.plans = plans;
        this.context = context;
    }

    @EventHandler
    void on(PlanVersionSavedEvent event, @Timestamp Instant at, @SequenceNumber long version) {
        plans.insertVersion(gen(), PlanVersionView.saved(event.planId(), event.projectId(), event.planVersion(),
                event.nodes(), event.edges(), event.metadata(), at, version));
    }

    @EventHandler
    void on(PlanCompiledEvent event, @Timestamp Instant at, @SequenceNumber long version) {
        plans.insertGraph(gen(), new GraphView(event.graphId(), event.planId(), event.projectId(), event.planVersion(),
                event.mode(), event.tasks(), false, at));
        changeVersion(event.planId(), event.planVersion(), view -> view.withGraph(
                new PlanVersionView.GraphRef(event.graphId(), event.mode(), event.tasks().size()), version));
    }

    @EventHandler
    void on(PlanConfirmedEvent event, @Timestamp Instant at, @SequenceNumber long version) {
        int gen = gen();
        GraphView graph = plans.graph(gen, event.graphId())
                .orElseThrow(() -> new IllegalStateException("no graph " + event.graphId()));
        plans.updateGraph(gen, graph.confirm());
        changeVersion(event.planId(), event.planVersion(), view -> view.confirmed(event.graphId(), at, version));
    }

    @EventHandler
    void on(PlanVersionArchivedEvent event, @SequenceNumber long version) {
        changeVersion(event.planId(), event.planVersion(), view -> view.archived(version));
    }

    private void changeVersion(String planId, int planVersion, UnaryOperator<PlanVersionView> change) {
        int gen = gen();
        PlanVersionView before = plans.version(gen, planId, planVersion)
                .orElseThrow(() -> new IllegalStateException("no version " + planVersion + " of plan " + planId));
        plans.updateVersion(gen, change.apply(before));
    }

    /** Plans change a few times each: they are written at once, in the generation this batch writes. */
    private int gen() {
        return context.batch(NAME, ImmediateWrites::new).gen();
    }
}
