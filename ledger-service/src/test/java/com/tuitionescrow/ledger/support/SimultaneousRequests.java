package com.tuitionescrow.ledger.support;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** The same request from several clients at once, as a bank retrying on a timeout does. */
public final class SimultaneousRequests {

    static final int MAX_SENDERS = 16;
    private static final long TIMEOUT_SECONDS = 30;

    private SimultaneousRequests() {}

    /** Sends from {@code senders} threads released together; the responses in sender order. */
    public static List<Http.Response> send(int senders, Callable<Http.Response> request) throws Exception {
        if (senders < 2 || senders > MAX_SENDERS) {
            throw new IllegalArgumentException("between 2 and " + MAX_SENDERS + " senders: " + senders);
        }
        return all(Collections.nCopies(senders, request));
    }

    /** Sends every request at once (at most {@value #MAX_SENDERS} in flight); the responses in request order. */
    public static List<Http.Response> all(List<Callable<Http.Response>> requests) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(requests.size(), MAX_SENDERS));
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Http.Response>> sent = new ArrayList<>(requests.size());
            for (Callable<Http.Response> request : requests) {
                sent.add(pool.submit(() -> {
                    start.await();
                    return request.call();
                }));
            }
            start.countDown();
            List<Http.Response> responses = new ArrayList<>(requests.size());
            for (Future<Http.Response> response : sent) {
                responses.add(response.get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }
}
