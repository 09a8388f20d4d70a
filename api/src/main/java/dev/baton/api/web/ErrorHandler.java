package dev.baton.api.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.baton.core.common.DomainException;
import dev.baton.core.common.ErrorCode;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.axonframework.queryhandling.QueryExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Turns every failure into the error envelope with a precise code; only a bug answers INTERNAL. */
@RestControllerAdvice
public class ErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(ErrorHandler.class);

    @ExceptionHandler(DomainException.class)
    ResponseEntity<Envelope> domain(DomainException e) {
        return answer(e.code(), e.getMessage(), e.details());
    }

    @ExceptionHandler(CommandExecutionException.class)
    ResponseEntity<Envelope> command(CommandExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException runtime && cause != e) {
            return dispatch(runtime);
        }
        return unexpected(e);
    }

    @ExceptionHandler(QueryExecutionException.class)
    ResponseEntity<Envelope> query(QueryExecutionException e) {
        return e.getCause() instanceof RuntimeException runtime ? dispatch(runtime) : unexpected(e);
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<Envelope> aggregateNotFound(AggregateNotFoundException e) {
        return answer(ErrorCode.NOT_FOUND, "no such resource: " + e.getAggregateIdentifier(), Map.of());
    }

    /** An id of another kind of aggregate (a project's id where an agent profile's is expected) is unknown too. */
    @ExceptionHandler(IncompatibleAggregateException.class)
    ResponseEntity<Envelope> otherKindOfAggregate(IncompatibleAggregateException e) {
        return answer(ErrorCode.NOT_FOUND, "no such resource", Map.of());
    }

    @ExceptionHandler(ConflictingAggregateVersionException.class)
    ResponseEntity<Envelope> staleVersion(ConflictingAggregateVersionException e) {
        return answer(ErrorCode.CONFLICT, "the resource changed since version " + e.getExpectedVersion()
                + " (it is at " + e.getActualVersion() + "): read it again and retry", Map.of(
                "expected_version", e.getExpectedVersion(), "actual_version", e.getActualVersion()));
    }

    @ExceptionHandler(ConcurrencyException.class)
    ResponseEntity<Envelope> concurrent(ConcurrencyException e) {
        return answer(ErrorCode.CONFLICT, "the resource was changed concurrently: retry", Map.of());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Envelope> unreadable(HttpMessageNotReadableException e) {
        return describe(e.getCause());
    }

    @ExceptionHandler(JsonProcessingException.class)
    ResponseEntity<Envelope> json(JsonProcessingException e) {
        return describe(e);
    }

    private ResponseEntity<Envelope> describe(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof RequestSizeLimit.TooLargeException tooLarge) {
                return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).contentType(MediaType.APPLICATION_JSON)
                        .body(Envelope.error(ErrorCode.VALIDATION_FAILED.name(), tooLarge.getMessage(), Map.of()));
            }
        }
        if (cause instanceof UnrecognizedPropertyException unknown) {
            String field = path(unknown);
            return invalid("unknown field " + field, List.of(field));
        }
        if (cause instanceof InvalidFormatException format) {
            return invalid(path(format) + " has the wrong type or format (" + shortValue(format.getValue()) + ")",
                    List.of(path(format)));
        }
        if (cause instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            return invalid(path(mismatch) + " has the wrong type", List.of(path(mismatch)));
        }
        if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return invalid(path(mapping) + " is invalid", List.of(path(mapping)));
        }
        if (cause instanceof JsonProcessingException json) {
            return invalid("malformed JSON" + where(json), List.of());
        }
        return invalid("the request body is missing or is not JSON", List.of());
    }

    /**
     * Where the JSON went wrong, but not what Jackson read there: a value typed without its quotes (a provider key,
     * a password) would otherwise come back in the answer.
     */
    private static String where(JsonProcessingException json) {
        return json.getLocation() == null ? "" : " at line " + json.getLocation().getLineNr() + ", column "
                + json.getLocation().getColumnNr();
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Envelope> parameterType(MethodArgumentTypeMismatchException e) {
        return invalid(e.getName() + " has the wrong type", List.of(e.getName()));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<Envelope> missingParameter(MissingServletRequestParameterException e) {
        return invalid(e.getParameterName() + " is required", List.of(e.getParameterName()));
    }

    @ExceptionHandler(HttpMediaTypeException.class)
    ResponseEntity<Envelope> mediaType(HttpMediaTypeException e) {
        return invalid("send JSON with Content-Type: application/json", List.of());
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<Envelope> method(HttpRequestMethodNotSupportedException e) {
        return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED).contentType(MediaType.APPLICATION_JSON)
                .body(Envelope.error("METHOD_NOT_ALLOWED", e.getMethod() + " is not allowed here", Map.of()));
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<Envelope> noRoute(NoResourceFoundException e) {
        return answer(ErrorCode.NOT_FOUND, "no route " + e.getHttpMethod() + " /" + e.getResourcePath(), Map.of());
    }

    @ExceptionHandler(AsyncRequestNotUsableException.class)
    void clientGone() {
        // the client of a stream went away: nothing to answer
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Envelope> unexpected(Exception e) {
        log.error("unexpected failure", e);
        return answer(ErrorCode.INTERNAL, "internal error: the failure was logged", Map.of());
    }

    private ResponseEntity<Envelope> dispatch(RuntimeException e) {
        if (e instanceof DomainException domain) {
            return domain(domain);
        }
        if (e instanceof ConflictingAggregateVersionException stale) {
            return staleVersion(stale);
        }
        if (e instanceof AggregateNotFoundException missing) {
            return aggregateNotFound(missing);
        }
        if (e instanceof IncompatibleAggregateException otherKind) {
            return otherKindOfAggregate(otherKind);
        }
        if (e instanceof ConcurrencyException concurrent) {
            return concurrent(concurrent);
        }
        return unexpected(e);
    }

    static ResponseEntity<Envelope> answer(ErrorCode code, String message, Map<String, Object> details) {
        return ResponseEntity.status(code.httpStatus()).contentType(MediaType.APPLICATION_JSON)
                .body(Envelope.error(code.name(), message, details));
    }

    private static ResponseEntity<Envelope> invalid(String message, List<String> fields) {
        return answer(ErrorCode.VALIDATION_FAILED, message, fields.isEmpty() ? Map.of() : Map.of("fields", fields));
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static String shortValue(Object value) {
        String text = String.valueOf(value);
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
