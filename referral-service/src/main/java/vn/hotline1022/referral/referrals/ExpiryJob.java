package vn.hotline1022.referral.referrals;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.scheduler.Scheduled;

/** Hospitals that do not answer in time lose the patient to the next hospital. Safe on several instances. */
@ApplicationScoped
public class ExpiryJob {

    @Inject
    Referrer referrer;

    @Scheduled(identity = "referral-expiry", every = "${hotline.referral.expiry-check:15s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void expireOverdue() {
        referrer.expireOverdue(Instant.now());
    }
}
