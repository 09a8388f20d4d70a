package dev.baton.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Latency percentiles (nearest rank) in milliseconds. */
final class Stats {

    private Stats() {
    }

    static double percentileMs(long[] nanos, double p) {
        if (nanos.length == 0) {
            return Double.NaN;
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return ms(sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))]);
    }

    static Map<String, Object> summary(long[] nanos) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("count", nanos.length);
        if (nanos.length > 0) {
            out.put("p50_ms", percentileMs(nanos, 50));
            out.put("p90_ms", percentileMs(nanos, 90));
            out.put("p99_ms", percentileMs(nanos, 99));
            out.put("max_ms", percentileMs(nanos, 100));
            out.put("mean_ms", ms((long) Arrays.stream(nanos).average().orElse(0)));
        }
        return out;
    }

    static double ms(long nanos) {
        return Math.round(nanos / 1e4) / 100.0;
    }
}
