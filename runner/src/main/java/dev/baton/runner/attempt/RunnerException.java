package dev.baton.runner.attempt;

/** A step of an attempt could not be done; the message is the attempt's failure reason, for a person to read. */
class RunnerException extends RuntimeException {

    RunnerException(String message, Throwable cause) {
        super(message, cause);
    }
}
