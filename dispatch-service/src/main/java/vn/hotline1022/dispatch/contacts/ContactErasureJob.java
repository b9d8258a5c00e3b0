package vn.hotline1022.dispatch.contacts;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.scheduler.Scheduled;

/** Erases households' contacts past their time; safe on several instances (rows are taken with SKIP LOCKED). */
@ApplicationScoped
public class ContactErasureJob {

    @Inject
    HouseholdContacts contacts;

    @Scheduled(identity = "dispatch-contact-erasure", every = "${hotline.dispatch.contact-erase-every:PT1M}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void eraseDue() {
        contacts.eraseDue(Instant.now());
    }
}
