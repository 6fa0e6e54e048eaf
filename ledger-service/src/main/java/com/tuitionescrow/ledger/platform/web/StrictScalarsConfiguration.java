package com.tuitionescrow.ledger.platform.web;

import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A field the contract types as a string takes a JSON string and nothing else. Jackson's
 * {@code allow-coercion-of-scalars: false} stops "100" becoming a number but not the other way round:
 * {@code "orderId": -1} would be read as the id "-1" and {@code "reason": true} as "true". A client
 * that sends a number where an id belongs has a bug, and the ledger says so instead of guessing.
 */
@Configuration
class StrictScalarsConfiguration {

    @Bean
    Jackson2ObjectMapperBuilderCustomizer stringsOnlyFromJsonStrings() {
        return builder -> builder.postConfigurer(mapper -> mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
    }
}
