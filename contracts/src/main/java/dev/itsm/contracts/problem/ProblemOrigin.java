package dev.itsm.contracts.problem;

public enum ProblemOrigin {
    MANUAL, CLUSTERING
}
