package dev.itsm.contracts.problem;

public enum ProblemStatus {
    NEW, ASSESS, ROOT_CAUSE_ANALYSIS, FIX_IN_PROGRESS, RESOLVED, CLOSED
}
