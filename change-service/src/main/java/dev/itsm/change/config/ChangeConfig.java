package dev.itsm.change.config;

import dev.itsm.contracts.change.ChangeType;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "itsm.change")
public interface ChangeConfig {

    /** The type of the change drafted from a resolved problem; it goes to the CAB as a normal change. */
    @WithDefault("NORMAL")
    ChangeType draftType();

    /** Distinct CAB members (or Change Managers) whose approval authorises a normal change. */
    @WithDefault("2")
    int cabQuorum();

    /** Distinct ECAB members (or Change Managers) whose approval authorises an emergency change. */
    @WithDefault("2")
    int ecabQuorum();
}
