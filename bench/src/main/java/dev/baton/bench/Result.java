package dev.baton.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One measured figure. {@code target} is the target as text; {@code pass} is null for figures that
 * have no target (reported only).
 */
final class Result {

    final String id;
    final String scenario;
    final String database;
    final double value;
    final String unit;
    final String target;
    final Boolean pass;
    final Map<String, Object> details = new LinkedHashMap<>();

    Result(String id, String scenario, String database, double value, String unit, String target, Boolean pass) {
        this.id = id;
        this.scenario = scenario;
        this.database = database;
        this.value = value;
        this.unit = unit;
        this.target = target;
        this.pass = pass;
    }

    static Result atLeast(String id, String scenario, String db, double value, String unit, double min) {
        return new Result(id, scenario, db, value, unit, ">= " + fmt(min) + " " + unit, value >= min);
    }

    static Result atMost(String id, String scenario, String db, double value, String unit, double max) {
        return new Result(id, scenario, db, value, unit, "<= " + fmt(max) + " " + unit, value <= max);
    }

    static Result info(String id, String scenario, String db, double value, String unit) {
        return new Result(id, scenario, db, value, unit, "-", null);
    }

    static Result failed(String id, String scenario, String db, String error) {
        Result r = new Result(id, scenario, db, Double.NaN, "", "-", false);
        r.details.put("error", error);
        return r;
    }

    Result with(String key, Object value) {
        details.put(key, value);
        return this;
    }

    Result withAll(Map<String, Object> values) {
        details.putAll(values);
        return this;
    }

    String verdict() {
        if (details.containsKey("error")) {
            return "ERROR";
        }
        return pass == null ? "info" : pass ? "PASS" : "FAIL";
    }

    String measured() {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        return fmt(value) + " " + unit;
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("scenario", scenario);
        m.put("database", database);
        m.put("value", Double.isNaN(value) ? null : value);
        m.put("unit", unit);
        m.put("target", target);
        m.put("result", verdict());
        m.put("details", details);
        return m;
    }

    static String fmt(double v) {
        if (Math.abs(v) >= 100 || v == Math.rint(v)) {
            return String.format("%,.0f", v);
        }
        return String.format("%.2f", v);
    }
}
