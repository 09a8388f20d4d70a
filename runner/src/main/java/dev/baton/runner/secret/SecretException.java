package dev.baton.runner.secret;

/**
 * A secret that cannot be opened. Its message names at most the key id and never carries a cause: the messages of
 * the JDK's crypto and base64 failures may quote their input.
 */
public class SecretException extends RuntimeException {

    SecretException(String message) {
        super(message);
    }
}
