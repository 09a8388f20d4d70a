package dev.baton.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** Runs one operation from N client threads (each with its own HTTP client), bounded in count and time. */
final class Load {

    /** One call; answers whether it succeeded. */
    interface Operation {
        boolean call(int client, long index, Api api) throws Exception;
    }

    record Outcome(long ok, long errors, long elapsedNanos, long[] latencies, String firstError) {
        double perSecond() {
            return ok / (elapsedNanos / 1e9);
        }
    }

    private Load() {
    }

    static Outcome run(String base, int clients, long maxOps, long maxMillis, Operation operation) throws InterruptedException {
        AtomicLong next = new AtomicLong();
        AtomicLong ok = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        long[][] latencies = new long[clients][];
        int[] counts = new int[clients];
        long start = System.nanoTime();
        long deadline = start + maxMillis * 1_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            latencies[c] = new long[1024];
            Thread t = new Thread(() -> {
                Api api = new Api(base);
                while (System.nanoTime() < deadline) {
                    long index = next.getAndIncrement();
                    if (index >= maxOps) {
                        break;
                    }
                    long t0 = System.nanoTime();
                    boolean success;
                    try {
                        success = operation.call(client, index, api);
                        if (!success) {
                            firstError.compareAndSet(null, "operation answered failure");
                        }
                    } catch (Exception e) {
                        success = false;
                        firstError.compareAndSet(null, e.toString());
                    }
                    long took = System.nanoTime() - t0;
                    if (success) {
                        ok.incrementAndGet();
                        if (counts[client] == latencies[client].length) {
                            latencies[client] = java.util.Arrays.copyOf(latencies[client], counts[client] * 2);
                        }
                        latencies[client][counts[client]++] = took;
                    } else {
                        errors.incrementAndGet();
                        if (errors.get() > 1000) {
                            break; // something is badly wrong: do not hammer on
                        }
                    }
                }
            }, "bench-client-" + c);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        long elapsed = System.nanoTime() - start;
        int total = 0;
        for (int c = 0; c < clients; c++) {
            total += counts[c];
        }
        long[] all = new long[total];
        int at = 0;
        for (int c = 0; c < clients; c++) {
            System.arraycopy(latencies[c], 0, all, at, counts[c]);
            at += counts[c];
        }
        return new Outcome(ok.get(), errors.get(), elapsed, all, firstError.get());
    }
}
