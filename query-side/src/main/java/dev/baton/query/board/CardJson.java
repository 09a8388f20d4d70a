package dev.baton.query.board;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import dev.baton.query.support.ReadModelJson;

import java.io.IOException;

/**
 * A card's JSON ({@link CardView}), written into a response as it is. The board projection stores each card's JSON
 * with a null agent name ({@link #stored}); a board read fills the name in ({@link #of(String, String)}) instead of
 * parsing and writing the card again.
 */
public record CardJson(String json) implements JsonSerializable {

    /**
     * The agent name's field, once in every stored card. It cannot occur inside a string value, where every quote
     * is escaped.
     */
    private static final String NO_AGENT_NAME = "\"agent_name\":null";

    /** The JSON stored for a task's card: the card with no agent name. */
    static String stored(TaskState task) {
        return ReadModelJson.write(CardView.of(task, null));
    }

    static CardJson of(String stored, String agentName) {
        if (agentName == null) {
            return new CardJson(stored);
        }
        int at = stored.indexOf(NO_AGENT_NAME);
        return new CardJson(stored.substring(0, at) + "\"agent_name\":" + ReadModelJson.write(agentName)
                + stored.substring(at + NO_AGENT_NAME.length()));
    }

    static CardJson of(TaskState task, String agentName) {
        return new CardJson(ReadModelJson.write(CardView.of(task, agentName)));
    }

    @Override
    public void serialize(JsonGenerator generator, SerializerProvider serializers) throws IOException {
        generator.writeRawValue(json);
    }

    @Override
    public void serializeWithType(JsonGenerator generator, SerializerProvider serializers, TypeSerializer typeSer)
            throws IOException {
        serialize(generator, serializers);
    }
}
