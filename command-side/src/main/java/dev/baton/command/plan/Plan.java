package dev.baton.command.plan;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import dev.baton.command.directory.BoardDirectory;
import dev.baton.core.common.DomainException;
import dev.baton.core.plan.ArchivePlanVersionCommand;
import dev.baton.core.plan.CompilePlanCommand;
import dev.baton.core.plan.CompiledGraph;
import dev.baton.core.plan.CompiledPlan;
import dev.baton.core.plan.ConfirmPlanCommand;
import dev.baton.core.plan.PlanCanvas;
import dev.baton.core.plan.PlanCompiledEvent;
import dev.baton.core.plan.PlanCompiler;
import dev.baton.core.plan.PlanConfirmedEvent;
import dev.baton.core.plan.PlanEdge;
import dev.baton.core.plan.PlanIds;
import dev.baton.core.plan.PlanNode;
import dev.baton.core.plan.PlanVersionArchivedEvent;
import dev.baton.core.plan.PlanVersionSavedEvent;
import dev.baton.core.plan.SavePlanVersionCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A project's plan: numbered versions of a canvas, each saved whole. A version is compiled into task graphs
 * ({@link PlanCompiler}), confirmed with one of them (frozen: its tasks go on the board) or archived.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE) // snapshots serialize the fields
@Aggregate(snapshotTriggerDefinition = "snapshotTrigger")
public class Plan {

    @AggregateIdentifier
    private String planId;
    private String projectId;
    private List<Version> versions = new ArrayList<>();

    /** Axon creates an empty plan for the first version it is asked to save. */
    public Plan() {
    }

    /** Answers the number of the version saved. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public Integer handle(SavePlanVersionCommand command, BoardDirectory directory) {
        if (!command.planId().equals(PlanIds.ofProject(command.projectId()))) {
            throw DomainException.invalidState("plan " + command.planId() + " is not project " + command.projectId()
                    + "'s plan");
        }
        if (directory.project(command.projectId())
                .orElseThrow(() -> DomainException.notFound("project", command.projectId())).archived()) {
            throw DomainException.invalidState("project " + command.projectId() + " is archived: no new plan versions");
        }
        PlanCanvas canvas = PlanCanvas.checked(command.nodes(), command.edges());
        apply(new PlanVersionSavedEvent(command.planId(), command.projectId(), versions.size() + 1, canvas.nodes(),
                canvas.edges(), command.metadata() == null ? Map.of() : command.metadata()));
        return versions.size();
    }

    @CommandHandler
    public CompiledPlan handle(CompilePlanCommand command) {
        Version version = usable(command.planVersion(), "compiled");
        CompiledGraph graph = version.compile(planId, command.mode());
        String graphId = PlanIds.graph(planId, version.number(), graph.mode());
        if (!version.graphs().containsKey(graphId)) {
            apply(new PlanCompiledEvent(planId, projectId, version.number(), graphId, graph.mode(), graph.tasks()));
        }
        return new CompiledPlan(planId, version.number(), graphId, graph.mode(), graph.tasks(),
                AggregateLifecycle.getVersion());
    }

    @CommandHandler
    public CompiledPlan handle(ConfirmPlanCommand command) {
        Version version = usable(command.planVersion(), "confirmed");
        String graphId = command.graphId() != null ? command.graphId() : version.lastGraph();
        if (graphId != null && !version.graphs().containsKey(graphId)) {
            throw DomainException.invalidField("graph_id", "graph " + graphId + " is not a compiled graph of version "
                    + version.number() + " (compile it first)");
        }
        String mode = graphId == null ? "full" : version.graphs().get(graphId);
        CompiledGraph graph = version.compile(planId, mode);
        if (graphId == null) {
            graphId = PlanIds.graph(planId, version.number(), mode);
            apply(new PlanCompiledEvent(planId, projectId, version.number(), graphId, mode, graph.tasks()));
        }
        if (!graphId.equals(version.confirmedGraph())) {
            apply(new PlanConfirmedEvent(planId, projectId, version.number(), graphId, mode, graph.tasks()));
        }
        return new CompiledPlan(planId, version.number(), graphId, mode, graph.tasks(), AggregateLifecycle.getVersion());
    }

    @CommandHandler
    public Long handle(ArchivePlanVersionCommand command) {
        Version version = existing(command.planVersion());
        if (!version.archived()) {
            apply(new PlanVersionArchivedEvent(planId, projectId, version.number()));
        }
        return AggregateLifecycle.getVersion();
    }

    @EventSourcingHandler
    void on(PlanVersionSavedEvent event) {
        planId = event.planId();
        projectId = event.projectId();
        versions.add(new Version(event.planVersion(), event.nodes(), event.edges()));
    }

    @EventSourcingHandler
    void on(PlanCompiledEvent event) {
        change(event.planVersion(), version -> version.withGraph(event.graphId(), event.mode()));
    }

    @EventSourcingHandler
    void on(PlanConfirmedEvent event) {
        change(event.planVersion(), version -> version.confirmedWith(event.graphId()));
    }

    @EventSourcingHandler
    void on(PlanVersionArchivedEvent event) {
        change(event.planVersion(), Version::archive);
    }

    private void change(int number, UnaryOperator<Version> change) {
        versions.set(number - 1, change.apply(versions.get(number - 1)));
    }

    private Version existing(Integer number) {
        int wanted = number == null ? versions.size() : number;
        if (wanted < 1 || wanted > versions.size()) {
            throw DomainException.notFound("plan version", planId + " v" + wanted);
        }
        return versions.get(wanted - 1);
    }

    private Version usable(Integer number, String what) {
        Version version = existing(number);
        if (version.archived()) {
            throw DomainException.invalidState("version " + version.number() + " of plan " + planId
                    + " is archived: it cannot be " + what);
        }
        return version;
    }

    /** One saved version: its canvas, the graphs compiled from it (id → mode, in order), and its state. */
    record Version(int number, List<PlanNode> nodes, List<PlanEdge> edges, Map<String, String> graphs,
                   String confirmedGraph, boolean archived) {

        Version(int number, List<PlanNode> nodes, List<PlanEdge> edges) {
            this(number, nodes, edges, Map.of(), null, false);
        }

        CompiledGraph compile(String planId, String mode) {
            return PlanCompiler.compile(planId, new PlanCanvas(nodes, edges), mode);
        }

        String lastGraph() {
            return graphs.keySet().stream().reduce((first, second) -> second).orElse(null);
        }

        Version withGraph(String graphId, String mode) {
            Map<String, String> more = new LinkedHashMap<>(graphs);
            more.put(graphId, mode);
            return new Version(number, nodes, edges, more, confirmedGraph, archived);
        }

        Version confirmedWith(String graphId) {
            return new Version(number, nodes, edges, graphs, graphId, archived);
        }

        Version archive() {
            return new Version(number, nodes, edges, graphs, confirmedGraph, true);
        }
    }
}
