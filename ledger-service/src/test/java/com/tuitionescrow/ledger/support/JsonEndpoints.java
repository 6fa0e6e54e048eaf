package com.tuitionescrow.ledger.support;

import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every endpoint that reads a JSON body, found in the service's own request mappings rather than
 * listed by hand, so that a test walking them cannot forget one; and the fields of each body.
 */
public final class JsonEndpoints {

    /** A POST that reads a JSON body of the contract's type {@code body}. */
    public record Endpoint(String pattern, Class<?> body) {}

    /** A field of a body, by its JSON path ({@code course.subject}, {@code items[0].bankTxnId}). */
    public record Field(String path, Class<?> type) {}

    private JsonEndpoints() {}

    public static List<Endpoint> of(RequestMappingHandlerMapping mappings) {
        List<Endpoint> endpoints = new ArrayList<>();
        mappings.getHandlerMethods().forEach((info, handler) -> {
            for (Parameter parameter : handler.getMethod().getParameters()) {
                if (parameter.isAnnotationPresent(RequestBody.class)
                        && parameter.getType().isRecord()) {
                    info.getPatternValues()
                            .forEach(pattern -> endpoints.add(new Endpoint(pattern, parameter.getType())));
                }
            }
        });
        endpoints.sort(Comparator.comparing(Endpoint::pattern));
        return endpoints;
    }

    /** The body's fields and those of the records and lists in it, depth first; a list is walked through its first item. */
    public static List<Field> fields(Class<?> body) {
        List<Field> fields = new ArrayList<>();
        walk(body, "", fields::add);
        return fields;
    }

    private static void walk(Class<?> record, String prefix, Consumer<Field> out) {
        for (RecordComponent component : record.getRecordComponents()) {
            String path = prefix + component.getName();
            Class<?> type = component.getType();
            out.accept(new Field(path, type));
            if (type.isRecord()) {
                walk(type, path + ".", out);
            } else if (List.class.isAssignableFrom(type)
                    && component.getGenericType() instanceof ParameterizedType list) {
                Type item = list.getActualTypeArguments()[0];
                if (item instanceof Class<?> itemClass && itemClass.isRecord()) {
                    walk(itemClass, path + "[0].", out);
                }
            }
        }
    }
}
