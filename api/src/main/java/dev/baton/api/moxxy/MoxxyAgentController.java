package dev.baton.api.moxxy;

import dev.baton.api.web.Envelope;
import dev.baton.core.common.Checks;
import dev.baton.core.common.DomainException;
import dev.baton.runner.moxxy.MoxxyClient;
import dev.baton.runner.moxxy.NewAgent;
import dev.baton.runner.moxxy.OrchestratorConfig;
import dev.baton.runner.moxxy.OrchestratorTemplate;
import dev.baton.runner.moxxy.TemplatePatch;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;
import java.util.Optional;

/**
 * The connected moxxy instance's agents, vault, orchestrator config and templates, proxied: what moxxy answers, in
 * the API's envelope; what it refuses, as {@code UPSTREAM_ERROR} with its message. Nothing of it is stored by Baton,
 * a vault value least of all.
 */
@RestController
@RequestMapping("/api/v1/moxxy/agents")
class MoxxyAgentController {

    record VaultBody(String key, String value) {
    }

    private final ConnectedMoxxy moxxy;

    MoxxyAgentController(ConnectedMoxxy moxxy) {
        this.moxxy = moxxy;
    }

    @GetMapping
    Envelope agents() {
        return Envelope.ok(Map.of("items", moxxy.call(MoxxyClient::listAgents), "next", Optional.empty()));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Envelope create(@RequestBody NewAgent agent) {
        Checks.required("name", agent.name(), Checks.MAX_NAME);
        Checks.required("description", agent.description(), Checks.MAX_TEXT);
        return Envelope.ok(Map.of("name", agent.name(), "message", moxxy.call(client -> client.createAgent(agent))));
    }

    @DeleteMapping("/{name}")
    Envelope delete(@PathVariable String name) {
        return Envelope.ok(Map.of("name", name, "message", moxxy.call(client -> client.deleteAgent(name))));
    }

    @PostMapping("/{name}/restart")
    Envelope restart(@PathVariable String name) {
        return Envelope.ok(Map.of("name", name, "message", moxxy.call(client -> client.restartAgent(name))));
    }

    /** The value goes to moxxy's vault and nowhere else: not stored, not logged, not answered. */
    @PostMapping("/{name}/vault")
    Envelope setVaultKey(@PathVariable String name, @RequestBody VaultBody body) {
        String key = Checks.required("key", body.key(), Checks.MAX_NAME);
        if (body.value() == null) {
            throw DomainException.invalidField("value", "value is required");
        }
        moxxy.call(client -> {
            client.setVaultKey(name, key, body.value());
            return null;
        });
        return Envelope.ok(Map.of("name", name, "key", key, "stored_in", "moxxy"));
    }

    @GetMapping("/{name}/orchestrate/config")
    Envelope config(@PathVariable String name) {
        return Envelope.ok(moxxy.call(client -> client.config(name)));
    }

    @PostMapping("/{name}/orchestrate/config")
    Envelope setConfig(@PathVariable String name, @RequestBody OrchestratorConfig config) {
        return Envelope.ok(moxxy.call(client -> client.setConfig(name, config)));
    }

    @GetMapping("/{name}/orchestrate/templates")
    Envelope templates(@PathVariable String name) {
        return Envelope.ok(Map.of("items", moxxy.call(client -> client.templates(name)), "next",
                Optional.empty()));
    }

    @GetMapping("/{name}/orchestrate/templates/{templateId}")
    Envelope template(@PathVariable String name, @PathVariable String templateId) {
        return Envelope.ok(moxxy.call(client -> client.template(name, templateId)));
    }

    @PostMapping("/{name}/orchestrate/templates")
    @ResponseStatus(HttpStatus.CREATED)
    Envelope saveTemplate(@PathVariable String name, @RequestBody OrchestratorTemplate template) {
        return Envelope.ok(moxxy.call(client -> client.saveTemplate(name, template)));
    }

    @PatchMapping("/{name}/orchestrate/templates/{templateId}")
    Envelope patchTemplate(@PathVariable String name, @PathVariable String templateId,
                           @RequestBody TemplatePatch patch) {
        return Envelope.ok(moxxy.call(client -> client.patchTemplate(name, templateId, patch)));
    }

    @DeleteMapping("/{name}/orchestrate/templates/{templateId}")
    Envelope deleteTemplate(@PathVariable String name, @PathVariable String templateId) {
        moxxy.call(client -> {
            client.deleteTemplate(name, templateId);
            return null;
        });
        return Envelope.ok(Map.of("template_id", templateId, "deleted", true));
    }
}
