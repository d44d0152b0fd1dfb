package com.certshop.revocation.domain.usecase;

import com.certshop.revocation.domain.usecase.CaConversation.Answer;

/** Counts what a run of CA checks came to, for its {@link CheckCaWaits.Report}. */
final class CheckTally {
    int checked;
    int revoked;
    int failed;
    int pending;
    int errors;
    boolean caSaidSlowDown;

    void count(Answer answer) {
        if (answer == null) {
            return;
        }
        checked++;
        switch (answer) {
            case REVOKED -> revoked++;
            case FAILED, GAVE_UP -> failed++;
            case PENDING, UNAVAILABLE -> pending++;
            case SLOW_DOWN -> {
                pending++;
                caSaidSlowDown = true;
            }
        }
    }

    CheckCaWaits.Report report(int left) {
        return new CheckCaWaits.Report(checked, revoked, failed, pending, errors, left);
    }
}
