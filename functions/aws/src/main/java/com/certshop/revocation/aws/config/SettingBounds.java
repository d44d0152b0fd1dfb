package com.certshop.revocation.aws.config;

/**
 * The numeric settings template.yaml passes to the functions (each constant is the environment
 * variable's name), with the range each may take. template.yaml declares the same range as its
 * parameter's MinValue and MaxValue, so CloudFormation refuses a deploy outside it, and
 * TemplateMatchesCodeTest proves the two agree. The code enforces it again when it reads the
 * variable, because a function can be given a value the template never saw (the local stack's
 * PARAM_ overrides, a hand-edited function): an absurd value fails the function's start with its
 * name and range, rather than a request later (an SLA of 2,147,483,647 business days made a
 * request count business days for longer than API Gateway waits).
 */
public enum SettingBounds {
    REFUND_WINDOW_DAYS(0, 365),
    CA_SLA_BUSINESS_DAYS(0, 60),
    /** Down to a second so that the journeys can let a link expire at test pace. */
    CONFIRMATION_VALIDITY_SECONDS(1, 30 * 86_400),
    CONFIRMATION_GRACE_SECONDS(1, 86_400),
    /** Below the CA check's schedule (a minute) the schedule sets the pace; the journeys use a second. */
    CA_POLL_FIRST_SECONDS(1, 86_400),
    CA_POLL_MULTIPLIER(1, 10),
    CA_POLL_MAX_SECONDS(1, 86_400),
    CA_GRACE_HOURS(0, 720),
    CA_HAND_OVER_BUDGET_SECONDS(0, 86_400),
    CA_SIMULATED_DELAY_SECONDS(0, 30 * 86_400),
    CA_CHECKS_PER_RUN(1, 10_000),
    CA_CHECKS_PER_SECOND(1, 1_000),
    STUCK_REVOCATION_GRACE_SECONDS(0, 86_400);

    private final int min;
    private final int max;

    SettingBounds(int min, int max) {
        this.min = min;
        this.max = max;
    }

    public int min() {
        return min;
    }

    public int max() {
        return max;
    }

    /** The environment variable that carries this setting. */
    public String variable() {
        return name();
    }

    /** The value if it is within range; otherwise a start-up failure naming the variable and its range. */
    double check(double value, String given) {
        if (!(value >= min && value <= max)) {
            throw new IllegalStateException("Environment variable " + variable() + " is " + given + "; it must be between "
                    + min + " and " + max + " (template.yaml's MinValue and MaxValue for it).");
        }
        return value;
    }
}
