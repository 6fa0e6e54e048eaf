package com.tuitionescrow.ledger.platform.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The routes of the controllers, as the router matches them, for the checks that run before the
 * router: which paths are the bank's channel ({@link BankChannel}) and which paths are another
 * spelling (letter case) of a route. Read from the handler mapping on first use, so a new endpoint is
 * covered without being listed anywhere; filters are built before the mapping, hence the provider.
 */
@Component
public class Routes {

    private final ObjectProvider<RequestMappingHandlerMapping> mapping;
    private volatile Table table;

    Routes(@Qualifier("requestMappingHandlerMapping") ObjectProvider<RequestMappingHandlerMapping> mapping) {
        this.mapping = mapping;
    }

    /** @param routes every route; {@code anyCase} the same ignoring letter case; {@code bank} the marked ones */
    private record Table(List<PathPattern> routes, List<PathPattern> anyCase, List<PathPattern> bank) {}

    /** True when the path is a route of a {@link BankChannel} handler, whatever the method. */
    public boolean isBankChannel(String path) {
        return matchesAny(table().bank(), path);
    }

    /** True when the path is no route as spelled, but is one in other letter case ({@code /v1/BANK/collections}). */
    public boolean isOtherCaseOfARoute(String path) {
        return !matchesAny(table().routes(), path) && matchesAny(table().anyCase(), path);
    }

    /** True when the path is a route, in its letter case or another. */
    public boolean isRouteInAnyCase(String path) {
        return matchesAny(table().anyCase(), path);
    }

    /** The patterns of the {@link BankChannel} handlers, as written on them. */
    public List<String> bankChannelPatterns() {
        return table().bank().stream()
                .map(PathPattern::getPatternString)
                .distinct()
                .sorted()
                .toList();
    }

    private static boolean matchesAny(List<PathPattern> patterns, String path) {
        PathContainer container = PathContainer.parsePath(path);
        return patterns.stream().anyMatch(pattern -> pattern.matches(container));
    }

    private Table table() {
        Table current = table;
        if (current == null) {
            current = read(mapping.getObject());
            table = current;
        }
        return current;
    }

    private static Table read(RequestMappingHandlerMapping mapping) {
        PathPatternParser anyCaseParser = new PathPatternParser();
        anyCaseParser.setCaseSensitive(false);
        List<PathPattern> routes = new ArrayList<>();
        List<PathPattern> anyCase = new ArrayList<>();
        List<PathPattern> bank = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> handler :
                mapping.getHandlerMethods().entrySet()) {
            HandlerMethod method = handler.getValue();
            boolean marked = AnnotatedElementUtils.hasAnnotation(method.getMethod(), BankChannel.class)
                    || AnnotatedElementUtils.hasAnnotation(method.getBeanType(), BankChannel.class);
            for (PathPattern pattern :
                    handler.getKey().getPathPatternsCondition().getPatterns()) {
                routes.add(pattern);
                anyCase.add(anyCaseParser.parse(pattern.getPatternString()));
                if (marked) {
                    bank.add(pattern);
                }
            }
        }
        return new Table(List.copyOf(routes), List.copyOf(anyCase), List.copyOf(bank));
    }
}
