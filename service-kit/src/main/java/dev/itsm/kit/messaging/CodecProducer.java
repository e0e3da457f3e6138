package dev.itsm.kit.messaging;

import dev.itsm.contracts.EventCodec;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

class CodecProducer {

    @Produces
    @Singleton
    EventCodec eventCodec() {
        return new EventCodec();
    }

    /** Domain code takes time from here, never from Instant.now(), so that rules stay testable. */
    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
