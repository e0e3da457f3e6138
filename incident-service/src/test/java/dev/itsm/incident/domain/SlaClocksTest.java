package dev.itsm.incident.domain;

import dev.itsm.contracts.Impact;
import dev.itsm.contracts.Priority;
import dev.itsm.contracts.Urgency;
import dev.itsm.contracts.incident.SlaClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static dev.itsm.incident.domain.Fixtures.at;
import static java.time.Duration.ofHours;
import static java.time.Duration.ofMinutes;
import static org.assertj.core.api.Assertions.assertThat;

class SlaClocksTest {
    private static final IncidentDecisions.StepDetails NONE = IncidentDecisions.StepDetails.NONE;

    private static SlaClocks.Reading reading(IncidentSnapshot i, SlaClock clock, Instant now) {
        return SlaClocks.read(i, now).stream().filter(r -> r.clock() == clock).findFirst().orElseThrow();
    }

    private static Instant due(IncidentSnapshot i, SlaClock clock, int threshold) {
        return SlaClocks.schedule(i).stream().filter(t -> t.clock() == clock && t.threshold() == threshold).findFirst().orElseThrow()
                .dueAt();
    }

    private static IncidentSnapshot step(IncidentSnapshot i, IncidentStep step, IncidentDecisions.StepDetails details, Duration at) {
        return IncidentDecisions.step(i, step, "tom", details, at(at), Fixtures.SETTINGS).after();
    }

    @Test
    void aNewP1RunsBothClocksWithWarningsAtHalfThreeQuartersAndTheTarget() {
        IncidentSnapshot p1 = Fixtures.incident(Impact.HIGH, Urgency.HIGH);
        SlaClocks.Reading own = reading(p1, SlaClock.TIME_TO_OWN, at(ofMinutes(10)));
        assertThat(own.state()).isEqualTo(SlaClocks.State.RUNNING);
        assertThat(own.elapsed()).isEqualTo(ofMinutes(10));
        assertThat(own.remaining()).isEqualTo(ofMinutes(5));
        assertThat(own.dueAt()).isEqualTo(at(ofMinutes(15)));
        assertThat(due(p1, SlaClock.TIME_TO_OWN, 50)).isEqualTo(at(Duration.ofSeconds(450)));
        assertThat(due(p1, SlaClock.TIME_TO_OWN, 75)).isEqualTo(at(Duration.ofSeconds(675)));
        assertThat(due(p1, SlaClock.TIME_TO_RESOLVE, 100)).isEqualTo(at(ofHours(4)));
        assertThat(reading(p1, SlaClock.TIME_TO_OWN, at(ofMinutes(20))).state()).isEqualTo(SlaClocks.State.BREACHED);
        assertThat(reading(p1, SlaClock.TIME_TO_OWN, at(ofMinutes(20))).remaining()).isEqualTo(ofMinutes(-5));
    }

    @Test
    void acceptingStopsTimeToOwnAndOnlyThresholdsAlreadyReachedStayDue() {
        IncidentSnapshot accepted = step(Fixtures.incident(Impact.HIGH, Urgency.HIGH), IncidentStep.ACCEPT, NONE, ofMinutes(9));
        SlaClocks.Reading own = reading(accepted, SlaClock.TIME_TO_OWN, at(ofHours(2)));
        assertThat(own.state()).isEqualTo(SlaClocks.State.MET);
        assertThat(own.elapsed()).isEqualTo(ofMinutes(9));
        assertThat(own.stoppedAt()).isEqualTo(at(ofMinutes(9)));
        assertThat(due(accepted, SlaClock.TIME_TO_OWN, 50)).as("reached at 7.5 min, before the accept").isNotNull();
        assertThat(due(accepted, SlaClock.TIME_TO_OWN, 75)).as("would be reached at 11.25 min").isNull();
        assertThat(due(accepted, SlaClock.TIME_TO_OWN, 100)).isNull();
        assertThat(due(accepted, SlaClock.TIME_TO_RESOLVE, 100)).isEqualTo(at(ofHours(4)));
    }

    @Test
    void onHoldPausesTimeToResolveAndTheDueTimesMoveByTheHold() {
        IncidentSnapshot p2 = step(Fixtures.incident(Impact.HIGH, Urgency.MEDIUM), IncidentStep.ACCEPT, NONE, ofMinutes(5));
        IncidentSnapshot held = step(p2, IncidentStep.HOLD, new IncidentDecisions.StepDetails("waiting for the vendor", null), ofHours(1));
        SlaClocks.Reading paused = reading(held, SlaClock.TIME_TO_RESOLVE, at(ofHours(20)));
        assertThat(paused.state()).isEqualTo(SlaClocks.State.PAUSED);
        assertThat(paused.elapsed()).isEqualTo(ofHours(1));
        assertThat(paused.dueAt()).isNull();
        assertThat(due(held, SlaClock.TIME_TO_RESOLVE, 50)).as("4 h is not reached before the hold").isNull();

        IncidentSnapshot resumed = step(held, IncidentStep.RESUME, NONE, ofHours(3));
        assertThat(resumed.sla().resolvePausedMs()).isEqualTo(ofHours(2).toMillis());
        assertThat(resumed.sla().ownPausedMs()).as("time to own had stopped at the accept").isZero();
        assertThat(due(resumed, SlaClock.TIME_TO_RESOLVE, 50)).isEqualTo(at(ofHours(6)));
        assertThat(due(resumed, SlaClock.TIME_TO_RESOLVE, 100)).isEqualTo(at(ofHours(10)));
        assertThat(reading(resumed, SlaClock.TIME_TO_RESOLVE, at(ofHours(4))).elapsed()).isEqualTo(ofHours(2));
    }

    @Test
    void resolvingStopsAndReopeningDoesNotCountTheTimeItSatResolved() {
        IncidentSnapshot p3 = Fixtures.incident(Impact.MEDIUM, Urgency.MEDIUM);
        IncidentSnapshot resolved = step(p3, IncidentStep.RESOLVE, new IncidentDecisions.StepDetails(null, "restarted"), ofHours(1));
        assertThat(reading(resolved, SlaClock.TIME_TO_RESOLVE, at(ofHours(50))).state()).isEqualTo(SlaClocks.State.MET);
        assertThat(reading(resolved, SlaClock.TIME_TO_OWN, at(ofHours(50))).state()).as("resolved before anyone owned it")
                .isEqualTo(SlaClocks.State.MET);
        IncidentSnapshot reopened = step(resolved, IncidentStep.REOPEN, new IncidentDecisions.StepDetails("still broken", null), ofHours(5));
        SlaClocks.Reading resolve = reading(reopened, SlaClock.TIME_TO_RESOLVE, at(ofHours(6)));
        assertThat(resolve.state()).isEqualTo(SlaClocks.State.RUNNING);
        assertThat(resolve.elapsed()).isEqualTo(ofHours(2));
        assertThat(reading(reopened, SlaClock.TIME_TO_OWN, at(ofHours(6))).elapsed()).as("nobody owns it: its own clock runs again")
                .isEqualTo(ofHours(2));
    }

    @Test
    void aCanceledIncidentsClocksAreCanceled() {
        IncidentSnapshot canceled = step(Fixtures.incident(Impact.LOW, Urgency.LOW), IncidentStep.CANCEL,
                new IncidentDecisions.StepDetails("duplicate", null), ofMinutes(30));
        assertThat(SlaClocks.read(canceled, at(ofHours(1)))).extracting(SlaClocks.Reading::state)
                .containsOnly(SlaClocks.State.CANCELED);
        assertThat(SlaClocks.schedule(canceled)).extracting(SlaClocks.Timer::dueAt).containsOnlyNulls();
    }

    @Test
    void aRaisedPriorityAppliesItsShorterTargetsFromTheOpening() {
        IncidentSnapshot p3 = Fixtures.incident(Impact.MEDIUM, Urgency.MEDIUM);
        IncidentSnapshot p1 = IncidentDecisions.classify(p3, new IncidentDecisions.Classification(null, Impact.HIGH, Urgency.HIGH,
                "whole payroll run blocked"), "sam", at(ofMinutes(20)), Fixtures.SETTINGS).after();
        assertThat(p1.priority()).isEqualTo(Priority.P1);
        assertThat(due(p1, SlaClock.TIME_TO_OWN, 100)).isEqualTo(at(ofMinutes(15)));
        assertThat(reading(p1, SlaClock.TIME_TO_OWN, at(ofMinutes(20))).state()).isEqualTo(SlaClocks.State.BREACHED);
    }

    @Test
    void anIncidentStoredWithoutTargetsHasNoClocks() {
        IncidentSnapshot old = Fixtures.incident(Impact.LOW, Urgency.LOW).with(b -> b.sla = SlaTiming.NONE);
        assertThat(SlaClocks.read(old, at(ofHours(1)))).isEmpty();
        assertThat(SlaClocks.schedule(old)).isEmpty();
    }
}
