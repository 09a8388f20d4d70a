package dev.baton.api.support;

import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Every route the server maps, read from Spring's own list (so a test over them covers an endpoint the day it is
 * added): one per method and path pattern, a route without a method counting as GET.
 */
public final class Routes {

    private static final Pattern VARIABLE = Pattern.compile("\\{([^}]+)}");

    /** {@code readsBody}: its handler reads a request body. */
    public record Route(String method, String pattern, boolean readsBody) {

        /** The route's path with each variable's value from {@code value} (given the variable's name). */
        public String path(Function<String, String> value) {
            return VARIABLE.matcher(pattern).replaceAll(match -> value.apply(match.group(1))).replace("**", "x");
        }

        @Override
        public String toString() {
            return method + " " + pattern;
        }
    }

    private Routes() {
    }

    public static List<Route> of(RequestMappingHandlerMapping mapping) {
        List<Route> routes = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> handler : mapping.getHandlerMethods().entrySet()) {
            boolean readsBody = Arrays.stream(handler.getValue().getMethodParameters())
                    .anyMatch(parameter -> parameter.hasParameterAnnotation(RequestBody.class));
            Set<RequestMethod> methods = handler.getKey().getMethodsCondition().getMethods();
            for (String pattern : handler.getKey().getPatternValues()) {
                for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                    routes.add(new Route(method.name(), pattern, readsBody));
                }
            }
        }
        return routes;
    }
}
