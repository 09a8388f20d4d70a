package dev.baton.command;

import dev.baton.core.common.DomainException;
import dev.baton.core.common.ErrorCode;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

/** Matches a {@link DomainException} with the given code whose details name the given field (if any). */
public final class Refusal extends TypeSafeMatcher<DomainException> {

    private final ErrorCode code;
    private final String field;

    private Refusal(ErrorCode code, String field) {
        super(DomainException.class);
        this.code = code;
        this.field = field;
    }

    public static Matcher<DomainException> refused(ErrorCode code) {
        return new Refusal(code, null);
    }

    public static Matcher<DomainException> invalidField(String field) {
        return new Refusal(ErrorCode.VALIDATION_FAILED, field);
    }

    @Override
    protected boolean matchesSafely(DomainException e) {
        return e.code() == code && (field == null || String.valueOf(e.details().get("fields")).contains(field));
    }

    @Override
    public void describeTo(Description description) {
        description.appendText("a refusal " + code + (field == null ? "" : " naming field " + field));
    }
}
