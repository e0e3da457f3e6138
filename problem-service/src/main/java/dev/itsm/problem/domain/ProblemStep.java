package dev.itsm.problem.domain;

import java.util.Locale;

/** The steps of a problem; who may take each is {@link ProblemAccess}. */
public enum ProblemStep {
    RAISE, ASSIGN, ASSESS, ANALYSE, KNOWN_ERROR, FIX, RESOLVE, CLOSE;

    public String pathName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public ProblemAccess action() {
        return ProblemAccess.valueOf(name());
    }
}
