package com.certshop.revocation.aws.config;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The function's configuration: the environment variables template.yaml sets. Every name the code
 * reads goes through {@link #require} or {@link #optional}, so the template check can hand in a
 * recording map and see exactly which names a function reads.
 */
public final class Environment {
    private final Map<String, String> variables;

    /** Reads through to {@code variables} (no copy, so a recording map sees every lookup). */
    public Environment(Map<String, String> variables) {
        this.variables = Collections.unmodifiableMap(variables);
    }

    /** The process environment, as Lambda sets it. */
    public static Environment system() {
        return new Environment(System.getenv());
    }

    /** The value of a variable that must be set and not blank. */
    public String require(String name) {
        return optional(name).orElseThrow(() -> new IllegalStateException(
                "Environment variable " + name + " is not set; template.yaml sets it for every function that needs it."));
    }

    /** The value of a variable that may be absent (or blank, which counts as absent). */
    public Optional<String> optional(String name) {
        String value = lookUp(Objects.requireNonNull(name));
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    private String lookUp(String name) {
        return variables.get(name);
    }

    private int requireInt(String name) {
        String value = require(name);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("Environment variable " + name + " must be a whole number, not '" + value + "'", e);
        }
    }

    /** A whole-number setting, refused at start unless within its bounds. */
    public int requireInt(SettingBounds setting) {
        int value = requireInt(setting.variable());
        setting.check(value, Integer.toString(value));
        return value;
    }

    /** A numeric setting, refused at start unless within its bounds. */
    public double requireDouble(SettingBounds setting) {
        return setting.check(requireDouble(setting.variable()), require(setting.variable()));
    }

    private double requireDouble(String name) {
        String value = require(name);
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("Environment variable " + name + " must be a number, not '" + value + "'", e);
        }
    }
}
