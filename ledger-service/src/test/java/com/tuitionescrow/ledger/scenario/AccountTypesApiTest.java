package com.tuitionescrow.ledger.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.tuitionescrow.ledger.accounting.AccountCode;
import com.tuitionescrow.ledger.accounting.AccountType;
import com.tuitionescrow.ledger.support.CheckedScenario;
import com.tuitionescrow.ledger.support.Http;
import com.tuitionescrow.ledger.support.Tokens;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every account type of the chart can be read over the contract: the contract's account type is
 * spelled out for each of the ledger's, so a type the ledger posts to is never a 500 when read.
 */
class AccountTypesApiTest extends CheckedScenario {

    @Test
    void given_money_in_every_account_type_when_each_account_is_read_then_each_answers_with_its_own_type() {
        Institution school = school();
        String student = id("stu");
        Paid order = soldAndPaid(school, student, course("piano", 15_000, 20));
        payIntoSuspense(school, id("order"), 12_345, "ORDER_UNKNOWN");
        confirm(teach(school, order.orderId(), 2));
        teach(school, order.orderId(), 1);
        run();
        String refundId = requestRefund(order.orderId()).get("refundId").asText();
        approve(school, refundId);
        awaitLedger();

        Set<AccountType> read = EnumSet.noneOf(AccountType.class);
        for (AccountType type : AccountType.values()) {
            AccountCode code = type.perStudent()
                    ? AccountCode.ofStudent(type, school.id(), student)
                    : AccountCode.of(type, school.id());
            Http.Response account = http.get("/v1/accounts/" + code, Tokens.institution(school.id()));
            if (account.status() == 404) {
                assertRefused(account, 404, "NOT_FOUND");
                continue;
            }
            assertThat(account.status()).as(type + ": " + account).isEqualTo(200);
            assertThat(account.body().get("type").asText())
                    .as(account.toString())
                    .isEqualTo(type.name());
            assertThat(account.body().get("accountCode").asText()).isEqualTo(code.toString());
            read.add(type);
        }

        // Only the hold-back is never posted to under the default policy (no hold-back).
        assertThat(read).isEqualTo(EnumSet.complementOf(EnumSet.of(AccountType.HELD_BACK)));
    }
}
