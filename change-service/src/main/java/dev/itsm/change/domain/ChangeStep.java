package dev.itsm.change.domain;

import java.util.List;
import java.util.Locale;

/** The steps of a change; who may take each is {@link ChangeAccess}, with {@link ApprovalRules} for decisions. */
public enum ChangeStep {
    ASSIGN, SUBMIT, ASSESS, APPROVE, REJECT, SCHEDULE, IMPLEMENT, COMPLETE, CLOSE, CANCEL;

    public String pathName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public ChangeAccess action() {
        return ChangeAccess.valueOf(name());
    }

    public static List<String> pathNames() {
        return java.util.Arrays.stream(values()).map(ChangeStep::pathName).toList();
    }
}
