package com.tuitionescrow.ledger.loadtest.simulations;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What both simulations share: where the ledger is, its secrets, the institutions registered before
 * the load starts, and fresh ids and bodies. Settings are system properties (load-tests/benchmark.sh
 * passes them): ledger.url, ledger.jwtSecret, ledger.bankSecret, load.users, load.seconds, load.maxP99Ms.
 */
final class LedgerUnderLoad {

    static final String URL = System.getProperty("ledger.url", "http://localhost:8080");
    static final Tokens TOKENS =
            new Tokens(System.getProperty("ledger.jwtSecret", "local-development-secret-do-not-use-in-production"));
    static final BankSigning BANK = new BankSigning(
            System.getProperty("ledger.bankSecret", "local-development-bank-secret-do-not-use-in-production"));
    static final int USERS = Integer.getInteger("load.users", 16);
    static final int SECONDS = Integer.getInteger("load.seconds", 60);
    static final int MAX_P99_MS = Integer.getInteger("load.maxP99Ms", 50);
    static final String PLATFORM = TOKENS.mint("PLATFORM", null);
    static final String BANK_TOKEN = TOKENS.mint("BANK", null);
    static final String REGULATOR = TOKENS.mint("REGULATOR", null);
    /** 20 class hours at 150 yuan: well inside every cap, so a sale is never refused. */
    static final long ORDER_FEN = 300_000;

    private static final String RUN = Long.toString(System.currentTimeMillis(), 36);
    private static final AtomicLong SEQUENCE = new AtomicLong();
    private static final String CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] CODE_WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    /** An institution of the run, with a token of its own. */
    record School(String id, String custodyAccountNo, String token) {}

    private LedgerUnderLoad() {}

    static String id(String prefix) {
        return prefix + "-" + RUN + "-" + SEQUENCE.incrementAndGet();
    }

    /** Registers this many institutions, as a regulator, before the load starts. */
    static List<School> register(int count) {
        HttpClient client = HttpClient.newHttpClient();
        List<School> schools = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = creditCode();
            String account =
                    "6222" + String.format("%012d", ThreadLocalRandom.current().nextLong(1_000_000_000_000L));
            String body = "{\"institutionId\":\"" + id + "\",\"name\":\"Load school " + i + "\",\"category\":\"ARTS\","
                    + "\"supervisionModel\":\"BANK_CUSTODY\",\"custodyAccountNo\":\"" + account + "\"}";
            try {
                HttpResponse<String> answer = client.send(
                        HttpRequest.newBuilder(URI.create(URL + "/v1/institutions"))
                                .header("Authorization", "Bearer " + REGULATOR)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() != 201) {
                    throw new IllegalStateException(
                            "registering an institution: " + answer.statusCode() + " " + answer.body());
                }
            } catch (java.io.IOException e) {
                throw new IllegalStateException("the ledger at " + URL + " does not answer", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            schools.add(new School(id, account, TOKENS.mint("INSTITUTION", id)));
        }
        return schools;
    }

    static School anyOf(List<School> schools) {
        return schools.get(ThreadLocalRandom.current().nextInt(schools.size()));
    }

    /** A sale of a course that began yesterday, so that a lesson can follow its payment at once. */
    static String order(String orderId, School school, String studentId) {
        LocalDate today = LocalDate.now(ZoneOffset.ofHours(8));
        return "{\"orderId\":\"" + orderId + "\",\"institutionId\":\"" + school.id() + "\",\"studentId\":\"" + studentId
                + "\",\"contractNo\":\"C-" + orderId
                + "\",\"course\":{\"courseId\":\"piano-101\",\"subject\":\"piano\","
                + "\"mode\":\"OFFLINE\",\"pricePerHourFen\":15000,\"hours\":20,\"startDate\":\"" + today.minusDays(1)
                + "\",\"endDate\":\"" + today.plusDays(60) + "\"}}";
    }

    /** A receipt dated two hours back: a lesson that began after it may be reported at once. */
    static String collection(String bankTxnId, String orderId, School school) {
        return "{\"bankTxnId\":\"" + bankTxnId + "\",\"orderId\":\"" + orderId + "\",\"amountFen\":" + ORDER_FEN
                + ",\"custodyAccountNo\":\"" + school.custodyAccountNo() + "\",\"receivedAt\":\""
                + OffsetDateTime.now(ZoneOffset.UTC).minusHours(2) + "\"}";
    }

    /** A two-hour lesson of 90 minutes that ended ten minutes ago. */
    static String lesson(String lessonId) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return "{\"lessonId\":\"" + lessonId + "\",\"hours\":2,\"startedAt\":\"" + now.minusMinutes(100)
                + "\",\"endedAt\":\"" + now.minusMinutes(10) + "\"}";
    }

    static String instructionResult(String bankTxnId) {
        return "{\"outcome\":\"EXECUTED\",\"bankTxnId\":\"" + bankTxnId + "\",\"executedAt\":\""
                + OffsetDateTime.now(ZoneOffset.UTC) + "\"}";
    }

    /** A unified social credit code with a correct check character (GB 32100-2015). */
    private static String creditCode() {
        StringBuilder code = new StringBuilder("9135");
        while (code.length() < 17) {
            code.append(CODE_ALPHABET.charAt(ThreadLocalRandom.current().nextInt(CODE_ALPHABET.length())));
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += CODE_ALPHABET.indexOf(code.charAt(i)) * CODE_WEIGHTS[i];
        }
        return code.append(CODE_ALPHABET.charAt((31 - sum % 31) % 31)).toString();
    }
}
