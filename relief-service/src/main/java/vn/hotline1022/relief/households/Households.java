package vn.hotline1022.relief.households;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import vn.hotline1022.events.common.Location;
import vn.hotline1022.events.intake.CallReceived;
import vn.hotline1022.text.CitizenIds;
import vn.hotline1022.text.HouseholdAddress;
import vn.hotline1022.text.PhoneNumbers;
import vn.hotline1022.commons.web.ProblemException;
import vn.hotline1022.messaging.locks.AdvisoryLocks;
import vn.hotline1022.messaging.locks.LockSpace;
import vn.hotline1022.relief.ReliefConfig;
import vn.hotline1022.relief.programmes.Applicant;

/** Finds the household behind a call, creating it on its first call. */
@ApplicationScoped
public class Households {

    @Inject
    AdvisoryLocks locks;

    @Inject
    EntityManager em;

    @Inject
    ReliefConfig config;

    /**
     * The caller's household, locked for this transaction so that two calls from one family are decided one after the
     * other (the second sees the first's delivery). Callers lock programme rows first; see Programme.lockIfActive.
     */
    public Household lockFor(CallReceived call) {
        Household h = lockFor(call.location(), call.caller() == null ? null : call.caller().phone(),
                call.householdSize());
        Set<String> reported = new TreeSet<>(h.vulnerabilities);
        call.vulnerabilities().forEach(v -> reported.add(v.name()));
        if (!reported.equals(new TreeSet<>(h.vulnerabilities))) {
            h.vulnerabilities = List.copyOf(reported);
        }
        return h;
    }

    /** As {@link #lockFor(CallReceived)}, from a location and the phone, if any, the family is known by. */
    public Household lockFor(Location at, String rawPhone, int householdSize) {
        String phone = normalisePhone(rawPhone);
        Instant now = Instant.now();
        if (phone == null) {
            // No number to recognise the family by: a household of its own, never matched to another call by phone.
            Household h = create(UUID.randomUUID(), at, null, householdSize, now);
            h.addressHash = addressHash(at.addressText());
            return h;
        }
        String hash = hash(phone);
        // A family calling from two phones at once: one insert wins, the other waits for it and then finds its row.
        em.createNativeQuery("""
                insert into household (id, province_code, district_code, ward_code, phone_hash, members, created_at,
                                       last_call_at)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)
                on conflict (ward_code, phone_hash) do nothing
                """)
                .setParameter(1, UUID.randomUUID())
                .setParameter(2, at.provinceCode())
                .setParameter(3, at.districtCode())
                .setParameter(4, at.wardCode())
                .setParameter(5, hash)
                .setParameter(6, Math.max(householdSize, 0))
                .setParameter(7, now)
                .executeUpdate();
        @SuppressWarnings("unchecked")
        List<UUID> ids = em.createNativeQuery(
                "select id from household where ward_code = ?1 and phone_hash = ?2 for no key update", UUID.class)
                .setParameter(1, at.wardCode())
                .setParameter(2, hash)
                .getResultList();
        Household h = Household.findById(ids.get(0));
        h.lastCallAt = now;
        h.members = Math.max(h.members, householdSize);
        if (h.addressHash == null) { // the first address given stays until an officer corrects it
            h.addressHash = addressHash(at.addressText());
        }
        return h;
    }

    /**
     * What programmes' eligibility rules look at for a call: its district, and the larger household size and every
     * vulnerability this or an earlier call from the household reported. Read without a lock: these only grow.
     */
    public Applicant applicantFor(CallReceived call) {
        Location at = call.location();
        String phone = normalisePhone(call.caller() == null ? null : call.caller().phone());
        Household known = phone == null ? null
                : Household.find("wardCode = ?1 and phoneHash = ?2", at.wardCode(), hash(phone)).firstResult();
        Set<String> vulnerabilities = new TreeSet<>();
        call.vulnerabilities().forEach(v -> vulnerabilities.add(v.name()));
        int members = Math.max(call.householdSize(), 0);
        if (known != null) {
            vulnerabilities.addAll(known.vulnerabilities);
            members = Math.max(members, known.members);
        }
        return new Applicant(at.districtCode(), members, vulnerabilities);
    }

    /** As {@link #applicantFor(CallReceived)}, for a household known already (needs found later on site). */
    public Applicant applicantFor(Household h) {
        return new Applicant(h.districtCode, h.members, Set.copyOf(h.vulnerabilities));
    }

    /** Locks a known household, e.g. to schedule its waiting request when stock arrives. */
    public Household lock(UUID householdId) {
        em.createNativeQuery("select id from household where id = ?1 for no key update", UUID.class)
                .setParameter(1, householdId)
                .getResultList();
        return Household.findById(householdId);
    }

    private static Household create(UUID id, Location at, String hash, int members, Instant now) {
        Household h = new Household();
        h.id = id;
        h.provinceCode = at.provinceCode();
        h.districtCode = at.districtCode();
        h.wardCode = at.wardCode();
        h.phoneHash = hash;
        h.members = Math.max(members, 0);
        h.createdAt = now;
        h.lastCallAt = now;
        h.persist();
        return h;
    }

    /**
     * The national form of a Vietnamese number ({@link PhoneNumbers}, the one rule every service uses), so that
     * "+84 912 345 678", "0912.345.678" and "0912345678" are one household.
     *
     * @return null when there is no number, or not a Vietnamese one
     */
    public static String normalisePhone(String phone) {
        return phone == null ? null : PhoneNumbers.normalise(phone).orElse(null);
    }

    /** A household after an officer's update, with the households that look like the same family. */
    public record Updated(Household household, List<Match> possibleDuplicates) {
    }

    /**
     * An officer completes a household from the ward's records; {@code null} leaves a field unchanged. Only hashes of
     * the citizen ID and the address are kept. A household outside the officer's area does not exist for them.
     */
    @jakarta.transaction.Transactional
    public Updated update(UUID id, String citizenId, String addressText, Integer members,
            vn.hotline1022.relief.access.ReliefScope scope) {
        Household h = Household.findById(id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (h == null || !scope.sees(h.provinceCode, h.districtCode)) {
            throw ProblemException.notFound("Household " + id);
        }
        if (addressText != null) {
            String hash = addressHash(addressText);
            if (hash == null) {
                throw ProblemException.invalidField("addressText", "must name the house, e.g. number and street");
            }
            h.addressHash = hash;
        }
        if (citizenId != null) {
            h.citizenIdHash = citizenIdHash(citizenId);
        }
        if (members != null) {
            h.members = members;
        }
        // A match outside the officer's area is told (the family may be counted twice) but not named.
        List<Match> shown = possibleDuplicates(h).stream().map(m -> {
            Household o = Household.findById(m.householdId());
            return o != null && scope.sees(o.provinceCode, o.districtCode) ? m : new Match(null, m.matchedBy());
        }).toList();
        return new Updated(h, shown);
    }

    /**
     * Hash of the address's household key ({@link HouseholdAddress}, the rule intake links calls by); null when the
     * address is too vague to tell one house from its neighbours.
     */
    public String addressHash(String addressText) {
        return HouseholdAddress.key(addressText).map(key -> hash("address:" + key)).orElse(null);
    }

    /** Hash of a 12-digit citizen ID; null when it is not one. */
    public String citizenIdHash(String citizenId) {
        return CitizenIds.normalise(citizenId).map(id -> hash("citizen-id:" + id)).orElse(null);
    }

    /**
     * Locks the family's identities for this transaction: its citizen ID and its address in the ward, the keys by
     * which {@link #possibleDuplicates} finds its other households. Two households of one family (two phones, one
     * house) are each locked by their own row, so without this they could be decided at the same instant in two
     * programmes and both paid. Advisory locks, taken in key order so that two families never wait on each other in a
     * circle; released at commit.
     */
    public void lockFamily(Household h) {
        List<String> identities = new java.util.ArrayList<>();
        if (h.citizenIdHash != null) {
            identities.add("citizen-id:" + h.citizenIdHash);
        }
        if (h.addressHash != null) {
            identities.add("address:" + h.wardCode + ":" + h.addressHash);
        }
        locks.lockAll(LockSpace.RELIEF_FAMILY, identities);
    }

    /** Another household that is probably the same family, and why; no id when it is outside the reader's area. */
    public record Match(UUID householdId, String matchedBy) {
    }

    /** Households other than {@code h} with its citizen ID (anywhere) or its address (in its ward). */
    public List<Match> possibleDuplicates(Household h) {
        List<Match> found = new java.util.ArrayList<>();
        if (h.citizenIdHash != null) {
            Household.<Household> list("citizenIdHash = ?1 and id <> ?2", h.citizenIdHash, h.id)
                    .forEach(o -> found.add(new Match(o.id, "CITIZEN_ID")));
        }
        if (h.addressHash != null) {
            Household.<Household> list("wardCode = ?1 and addressHash = ?2 and id <> ?3", h.wardCode, h.addressHash,
                    h.id).stream()
                    .filter(o -> found.stream().noneMatch(m -> m.householdId().equals(o.id)))
                    .forEach(o -> found.add(new Match(o.id, "ADDRESS")));
        }
        return found;
    }

    /**
     * Salted SHA-256, hex: the same value always gives the same hash under one deployment's salt. Phones are hashed
     * bare (as before addresses and IDs were); other kinds carry a prefix so that they never collide with a phone.
     */
    String hash(String normalisedValue) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(config.phoneSalt().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0); // separator: salt "a" + phone "1..." never equals salt "a1" + phone "..."
            return HexFormat.of().formatHex(sha.digest(normalisedValue.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
