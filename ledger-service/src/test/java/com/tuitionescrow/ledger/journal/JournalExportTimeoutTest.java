package com.tuitionescrow.ledger.journal;

import static org.assertj.core.api.Assertions.assertThat;

import com.tuitionescrow.ledger.support.LedgerIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;

/**
 * The NDJSON export streams as an asynchronous response. With no timeout set, the servlet container
 * ended it after 30 s with 200 and a whole last line: a regulator on a slow link got a short copy
 * that looked complete (the load test of a 630 000-entry journal got 480 441 lines; see
 * load-tests/results). Streaming the whole journal takes minutes, so the ledger sets no limit.
 */
class JournalExportTimeoutTest extends LedgerIntegrationTest {

    @Autowired
    private RequestMappingHandlerAdapter handlers;

    @Test
    void an_asynchronous_response_such_as_the_export_is_never_cut_by_a_timeout() {
        Object timeout = ReflectionTestUtils.getField(handlers, "asyncRequestTimeout");

        assertThat(timeout)
                .as("null leaves the container's 30 s; a value of 0 or less is no limit")
                .isNotNull();
        assertThat((Long) timeout).isLessThanOrEqualTo(0L);
    }
}
