package com.tuitionescrow.ledger.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.tuitionescrow.ledger.platform.web.BankChannel;
import com.tuitionescrow.ledger.platform.web.Routes;
import com.tuitionescrow.ledger.support.LedgerIntegrationTest;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

/**
 * The routes the bank signature and the bank's body limit guard are the {@link BankChannel} handlers,
 * and those are exactly the {@code /v1/bank/**} handlers: a bank endpoint added without the mark, or
 * a mark on another endpoint, fails here.
 */
class BankChannelRoutesTest extends LedgerIntegrationTest {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mappings;

    @Autowired
    private Routes routes;

    @Test
    void every_bank_handler_carries_the_mark_and_the_signed_routes_are_exactly_the_bank_routes() {
        Set<String> bankPatterns = new TreeSet<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> handler :
                mappings.getHandlerMethods().entrySet()) {
            HandlerMethod method = handler.getValue();
            boolean marked = AnnotatedElementUtils.hasAnnotation(method.getMethod(), BankChannel.class)
                    || AnnotatedElementUtils.hasAnnotation(method.getBeanType(), BankChannel.class);
            for (PathPattern pattern :
                    handler.getKey().getPathPatternsCondition().getPatterns()) {
                boolean bank = pattern.getPatternString().startsWith("/v1/bank/");
                assertThat(marked)
                        .as(method + " at " + pattern
                                + (bank
                                        ? " is a bank route: mark it @BankChannel"
                                        : " is not a bank route: the mark belongs to /v1/bank/** only"))
                        .isEqualTo(bank);
                if (bank) {
                    bankPatterns.add(pattern.getPatternString());
                }
            }
        }

        assertThat(bankPatterns)
                .contains(
                        "/v1/bank/collections",
                        "/v1/bank/collections/batch",
                        "/v1/bank/instructions",
                        "/v1/bank/instructions/{instructionId}/result",
                        "/v1/bank/statements");
        assertThat(routes.bankChannelPatterns()).containsExactlyElementsOf(bankPatterns);
        assertThat(routes.isBankChannel("/v1/bank/instructions/RFD-refund-1/result"))
                .isTrue();
        assertThat(routes.isBankChannel("/v1/instructions/RFD-refund-1/resolution"))
                .isFalse();
    }
}
