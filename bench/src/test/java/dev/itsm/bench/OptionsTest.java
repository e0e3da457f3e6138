package dev.itsm.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OptionsTest {

    @Test
    void noOptionIsTheFullRunOfEveryPhase() {
        Options options = Options.parse(new String[0]);
        assertThat(options.profile()).isSameAs(Profile.FULL);
        assertThat(options.allPhases()).isTrue();
        assertThat(options.phases()).containsExactly("kafka", "pgbench", "alertmanager", "intake", "rest", "latency", "resources");
    }

    @Test
    void aPhaseAloneBringsTheBaselinesItIsComparedWith() {
        assertThat(Options.parse(new String[]{"--phase", "intake"}).phases()).containsExactly("kafka", "alertmanager", "intake");
        assertThat(Options.parse(new String[]{"--phase", "rest"}).phases()).containsExactly("pgbench", "rest");
        assertThat(Options.parse(new String[]{"--phase", "resources"}).phases()).containsExactly("resources");
        assertThat(Options.parse(new String[]{"--phase", "latency,baselines", "--smoke"}).phases())
                .containsExactly("kafka", "pgbench", "alertmanager", "latency");
        assertThat(Options.parse(new String[]{"--phase", "intake"}).allPhases()).isFalse();
    }

    @Test
    void unknownPhasesAndOptionsAreRefused() {
        assertThatThrownBy(() -> Options.parse(new String[]{"--phase", "everything"})).hasMessageContaining("unknown phase");
        assertThatThrownBy(() -> Options.parse(new String[]{"--alerts", "5"})).hasMessageContaining("unknown option");
        assertThatThrownBy(() -> Options.parse(new String[]{"--phase"})).hasMessageContaining("needs a name");
    }
}
