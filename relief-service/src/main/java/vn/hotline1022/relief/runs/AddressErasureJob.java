package vn.hotline1022.relief.runs;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.scheduler.Scheduled;

/** Erases households' delivery addresses past their time; safe on several instances (rows taken with SKIP LOCKED). */
@ApplicationScoped
public class AddressErasureJob {

    @Inject
    DeliveryAddresses addresses;

    @Scheduled(identity = "relief-address-erasure", every = "${hotline.relief.address-erase-every:PT1M}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void eraseDue() {
        addresses.eraseDue(Instant.now());
    }
}
