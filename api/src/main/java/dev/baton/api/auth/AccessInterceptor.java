package dev.baton.api.auth;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.Map;

/**
 * Checks every route's project-scoped path variables before its handler runs, so no endpoint can forget it and a
 * refusal changes nothing: {@code projectId}, the task, attempt, agent run, plan, graph, run, moxxy job and agent
 * profile ids, and an artifact's id (filed under its attempt).
 * A GET reads; any other method writes.
 */
@Configuration
class AccessInterceptor implements HandlerInterceptor, WebMvcConfigurer {

    /** Path variables naming something of a project, and what a refusal calls it. */
    static final Map<String, String> RESOURCES = Map.of("taskId", "task", "attemptId", "attempt",
            "agentRunId", "agent run", "planId", "plan", "graphId", "graph", "runId", "run", "jobId", "moxxy job",
            "agentProfileId", "agent profile");
    private final ProjectAccess access;

    AccessInterceptor(ProjectAccess access) {
        this.access = access;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod)) {
            return true;
        }
        @SuppressWarnings("unchecked")
        Map<String, String> variables = (Map<String, String>) request.getAttribute(
                HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        if (variables == null) {
            return true;
        }
        boolean write = !CurrentCaller.onlyReads(request);
        String projectId = variables.get("projectId");
        if (projectId != null) {
            access.project(request, projectId, write);
        }
        RESOURCES.forEach((variable, what) -> {
            String id = variables.get(variable);
            if (id != null) {
                access.resource(request, what, id, write);
            }
        });
        String artifactId = variables.get("artifactId");
        if (artifactId != null) { // <attempt id>.<name>
            access.resource(request, "artifact", artifactId, artifactId.split("\\.", 2)[0], write);
        }
        return true;
    }
}
