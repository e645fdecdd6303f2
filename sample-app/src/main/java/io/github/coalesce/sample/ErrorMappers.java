package io.github.coalesce.sample;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.github.coalesce.CoalesceRemoteFailureException;
import io.quarkus.hibernate.validator.runtime.jaxrs.ResteasyReactiveViolationException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/** Every error is JSON with a message; client mistakes are 4xx naming the field, never a 500. */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);
    /** Jackson's message for a field named twice (see {@link StrictJson}). */
    private static final Pattern DUPLICATE_FIELD = Pattern.compile("Duplicate field '([^']*)'");

    /** The body of every error response. */
    public record Error(int status, String error, String message, String field) {
    }

    @ServerExceptionMapper
    public Response notFound(NotFound e) {
        return error(Response.Status.NOT_FOUND, e.getMessage(), null);
    }

    /** No credentials, or wrong ones: the challenge tells clients to retry with HTTP Basic. */
    @ServerExceptionMapper({ UnauthorizedException.class, AuthenticationFailedException.class })
    public Response unauthenticated(RuntimeException e) {
        return Response.fromResponse(error(Response.Status.UNAUTHORIZED,
                "log in (HTTP Basic) as an author to do this", null))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"blog\"").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return error(Response.Status.FORBIDDEN, "your role may not do this", null);
    }

    @ServerExceptionMapper
    public Response forbidden(Forbidden e) {
        return error(Response.Status.FORBIDDEN, e.getMessage(), null);
    }

    @ServerExceptionMapper
    public Response badRequest(BadRequest e) {
        return error(Response.Status.BAD_REQUEST, e.getMessage(), e.field());
    }

    @ServerExceptionMapper
    public Response invalid(ResteasyReactiveViolationException e) {
        return violations(e);
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e) {
        return violations(e);
    }

    /** Jackson's own messages name Java classes and tokens; the client gets the field and the JSON type it needs. */
    @ServerExceptionMapper
    public Response wrongJsonShape(MismatchedInputException e) {
        String field = e.getPath().stream().map(reference -> reference.getFieldName() != null
                ? reference.getFieldName()
                : "[" + reference.getIndex() + "]").collect(Collectors.joining("."))
                .replace(".[", "[");
        String message = field.isEmpty() ? "the body must be a JSON object {title, body, tags}"
                : field + " must be " + expected(e.getTargetType());
        return error(Response.Status.BAD_REQUEST, message, field.isEmpty() ? null : field);
    }

    @ServerExceptionMapper
    public Response invalidJson(JsonProcessingException e) {
        Matcher duplicate = DUPLICATE_FIELD.matcher(String.valueOf(e.getOriginalMessage()));
        if (duplicate.find()) {
            return error(Response.Status.BAD_REQUEST, duplicate.group(1) + " is given twice", duplicate.group(1));
        }
        if (e instanceof StreamConstraintsException) {
            return error(Response.Status.BAD_REQUEST, "the body is nested too deeply or holds a value too long", null);
        }
        JsonLocation at = e.getLocation();
        return error(Response.Status.BAD_REQUEST, "the body is not valid JSON" + (at == null || at.getLineNr() < 0 ? ""
                : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"), null);
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "of another JSON type";
        }
        if (CharSequence.class.isAssignableFrom(type)) {
            return "a string";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        return "a JSON object";
    }

    @ServerExceptionMapper
    public Response timeout(TimeoutException e) {
        return error(Response.Status.SERVICE_UNAVAILABLE, "the database did not answer in time; try again", null);
    }

    /**
     * Another instance led the shared computation and it failed there (its database timed out or was busy): the
     * request was fine and the next call runs the computation anew, so 503 as on the leader's instance, not a 500.
     */
    @ServerExceptionMapper
    public Response remoteFailure(CoalesceRemoteFailureException e) {
        LOG.warnf("Shared computation failed on another instance: %s", e.getMessage());
        return error(Response.Status.SERVICE_UNAVAILABLE, "the shared computation failed on another instance; try"
                + " again", null);
    }

    @ServerExceptionMapper
    public Response framework(WebApplicationException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof MismatchedInputException mismatched) {
                return wrongJsonShape(mismatched);
            }
            if (cause instanceof JsonProcessingException json) {
                return invalidJson(json);
            }
        }
        Response.StatusType status = e.getResponse().getStatusInfo();
        return Response.status(status.getStatusCode())
                .entity(new Error(status.getStatusCode(), status.getReasonPhrase(), e.getMessage(), null))
                .type("application/json").build();
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        if (new TransientDatabaseError().test(e)) {
            LOG.warnf("Database busy after retries: %s", e.toString());
            return error(Response.Status.SERVICE_UNAVAILABLE, "the database is busy; try again", null);
        }
        LOG.error("Unexpected error", e);
        return error(Response.Status.INTERNAL_SERVER_ERROR, "unexpected server error", null);
    }

    private static Response violations(ConstraintViolationException e) {
        ConstraintViolation<?> first = e.getConstraintViolations().stream()
                .sorted(java.util.Comparator.comparing(v -> v.getPropertyPath().toString()))
                .findFirst().orElse(null);
        String message = e.getConstraintViolations().stream().map(ConstraintViolation::getMessage).sorted()
                .collect(Collectors.joining("; "));
        return error(Response.Status.BAD_REQUEST, message, first == null ? null : field(first.getPropertyPath()));
    }

    /** {@code create.input.title} → {@code title}; {@code create.input.tags[2].<list element>} → {@code tags}. */
    private static String field(Path path) {
        String field = null;
        int depth = 0;
        for (Path.Node node : path) {
            // method, then parameter, then the bean property
            if (depth++ >= 2 && node.getName() != null && !node.getName().startsWith("<")) {
                return node.getName();
            }
            field = node.getName();
        }
        return field;
    }

    private static Response error(Response.Status status, String message, String field) {
        return Response.status(status).entity(new Error(status.getStatusCode(), status.getReasonPhrase(), message,
                field)).type("application/json").build();
    }
}
