package vn.hotline1022.intake.open311;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import vn.hotline1022.commons.web.ProblemException;
import vn.hotline1022.events.common.ContactChannel;
import vn.hotline1022.events.common.Need;
import vn.hotline1022.intake.IntakeConfig;
import vn.hotline1022.intake.callbacks.Callbacks;
import vn.hotline1022.intake.calls.CallTaker;
import vn.hotline1022.intake.cases.CaseCodes;
import vn.hotline1022.intake.calls.NewCall;
import vn.hotline1022.intake.cases.CaseStatus;
import vn.hotline1022.intake.cases.HotlineCase;
import vn.hotline1022.intake.geography.AdminUnits;
import vn.hotline1022.intake.timeline.VietnameseWords;
import vn.hotline1022.intake.tracking.CitizenGuard;
import vn.hotline1022.text.PhoneNumbers;

/**
 * Open311 requests as hotline cases. A request from a partner app (its API key) is taken like a call on the channel
 * APP: the same triage, repeat-caller and household linking, the same CallReceived. Its status is public by its id
 * (the case code) with no personal data; only requests that came in through Open311 (channels WEB and APP) are
 * listed or shown, so a case code told on the phone reveals nothing here.
 */
@ApplicationScoped
public class Open311Requests {

    /** The channels whose cases Open311 shows. */
    static final Set<String> OPEN311_CHANNELS = Set.of(ContactChannel.WEB.name(), ContactChannel.APP.name());
    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final Duration MAX_SPAN = Duration.ofDays(90);
    private static final int MAX_RESULTS = 1000;
    private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("2100-01-01T00:00:00Z");

    @Inject
    CallTaker callTaker;

    @Inject
    CitizenGuard guard;

    @Inject
    AdminUnits units;

    @Inject
    IntakeConfig config;

    @Inject
    WebRequests webRequests;

    @Inject
    Callbacks callbacks;

    /** @param opened a new case was opened; false when the request waits for an agent's callback instead */
    public record Submitted(Open311Records.Created answer, boolean opened) {
    }

    /**
     * A partner app's request: the case it opened. The app only names the phone, so a request for a phone or
     * household that has an open case never joins it (the answer would name that case's code): it waits for an
     * agent's callback to the phone, with its own code, and the agent joins it to the case once the phone answers.
     */
    public Submitted submit(RequestForm form, String partner) {
        NewCall call = toCall(form, ContactChannel.APP);
        guard.admitWithin("open311:client:" + partner, config.open311().requestsPerClientPerHour(),
                Duration.ofHours(1));
        admitPhone(call.caller().phone());
        Optional<CallTaker.Taken> taken = callTaker.takeNewOnly(call, "open311:" + partner);
        if (taken.isEmpty()) {
            Callbacks.Requested callback = callbacks.request(ContactChannel.APP, call.caller().phone(),
                    Services.need(form.service_code).name() + " " + form.address_id
                            + (form.description == null ? "" : ": " + form.description));
            // A callback already pending for the phone may be someone else's: its code is not told.
            String code = callback.created() ? callback.callback().code : null;
            return new Submitted(new Open311Records.Created(code, "Tổng đài 1022 đã nhận yêu cầu"
                    + (code == null ? "" : " " + code) + "; tổng đài viên sẽ gọi lại số điện thoại đã cho để xác nhận.",
                    null), false);
        }
        String code = taken.get().hotlineCase().code;
        return new Submitted(new Open311Records.Created(code, "Tổng đài 1022 đã tiếp nhận yêu cầu " + code + ".", null),
                true);
    }

    /** A request without a partner's key (channel WEB): kept until the code texted to its phone comes back. */
    public Open311Records.Pending ask(RequestForm form) {
        NewCall call = toCall(form, ContactChannel.WEB);
        admitPhone(call.caller().phone());
        guard.admitWithin("open311:web-texts", config.open311().confirmationTextsPerHour(), Duration.ofHours(1));
        UUID token = webRequests.ask(call, call.caller().phone());
        return new Open311Records.Pending(token.toString(), "Mã xác nhận đã được gửi tới số điện thoại của bạn;"
                + " nhập mã để gửi yêu cầu (hiệu lực 10 phút).");
    }

    private void admitPhone(String phone) {
        guard.admitWithin(guard.phoneKey("open311", phone), config.open311().requestsPerPhonePerHour(),
                Duration.ofHours(1));
    }

    /** The request's phone in its national form; 400 when it is not a Vietnamese phone number. */
    public String phoneOf(RequestForm form) {
        return PhoneNumbers.normalise(form.phone)
                .orElseThrow(() -> ProblemException.invalidField("phone", "must be a Vietnamese phone number"));
    }

    /** The request as a call; the phone in its national form. */
    private NewCall toCall(RequestForm form, ContactChannel channel) {
        Need need = Services.need(form.service_code);
        String phone = PhoneNumbers.normalise(form.phone)
                .orElseThrow(() -> ProblemException.invalidField("phone", "must be a Vietnamese phone number"));
        Integer household = householdSize(form.household_size);
        String name = String.join(" ", nonBlank(form.last_name), nonBlank(form.first_name)).strip();
        return new NewCall(null, channel, new NewCall.CallerDetails(name.isEmpty() ? null : name, phone),
                new NewCall.Address(form.address_id, form.address_string, form.lat, form.longitude), List.of(need),
                household, Set.of(), form.description, null, false);
    }

    /** One request's status; 404 for an unknown code or a case that did not come in through Open311. */
    public Open311Records.Request one(String code, boolean english) {
        return HotlineCase.byCode(code).filter(c -> OPEN311_CHANNELS.contains(c.channel))
                .map(c -> view(c, english))
                .orElseThrow(() -> ProblemException.notFound("service request " + code));
    }

    /**
     * Requests by the specification's filters: ids (comma-separated case codes), service code, status, and a date
     * span of at most 90 days (the last 90 days when none is given); newest first, at most 1000.
     */
    public List<Open311Records.Request> list(String ids, String serviceCode, String status, String startDate,
            String endDate, boolean english) {
        StringBuilder where = new StringBuilder("channel in :channels");
        Parameters p = Parameters.with("channels", OPEN311_CHANNELS);
        if (ids != null && !ids.isBlank()) {
            List<String> codes = Arrays.stream(ids.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
            if (codes.size() > 50 || codes.stream().anyMatch(c -> !c.matches(CaseCodes.PATTERN))) {
                throw ProblemException.invalidField("service_request_id",
                        "at most 50 request ids like " + CaseCodes.EXAMPLE + ", comma-separated");
            }
            where.append(" and code in :codes");
            p.and("codes", codes);
        } else {
            Instant end = endDate == null ? Instant.now() : date("end_date", endDate);
            Instant start = startDate == null ? end.minus(MAX_SPAN) : date("start_date", startDate);
            if (!start.isBefore(end) || Duration.between(start, end).compareTo(MAX_SPAN) > 0) {
                throw ProblemException.invalidField("start_date", "must be before end_date, at most 90 days apart");
            }
            where.append(" and openedAt >= :start and openedAt < :end");
            p.and("start", start).and("end", end);
        }
        if (serviceCode != null && !serviceCode.isBlank()) {
            where.append(" and function('array_position', needs, :need) is not null");
            p.and("need", Services.need(serviceCode).name());
        }
        if (status != null && !status.isBlank()) {
            switch (status.strip().toLowerCase(Locale.ROOT)) {
                case "open" -> where.append(" and status <> :resolved");
                case "closed" -> where.append(" and status = :resolved");
                default -> throw ProblemException.invalidField("status", "must be open or closed");
            }
            p.and("resolved", CaseStatus.RESOLVED);
        }
        List<HotlineCase> found = HotlineCase.find(where.toString(), Sort.descending("openedAt"), p)
                .page(0, MAX_RESULTS).list();
        List<Open311Records.Request> out = new ArrayList<>(found.size());
        found.forEach(c -> out.add(view(c, english)));
        return out;
    }

    private Open311Records.Request view(HotlineCase c, boolean english) {
        Need first = Need.valueOf(c.needs.get(0));
        String place = units.district(c.districtCode).map(AdminUnits.District::name).orElse("")
                + units.province(c.provinceCode).map(p -> ", " + p.name()).orElse("");
        String agency = "Tổng đài 1022" + units.province(c.provinceCode).map(p -> " " + p.name()).orElse("");
        String notes = english ? c.status.name().toLowerCase(Locale.ROOT).replace('_', ' ')
                : VietnameseWords.status(c.status);
        return new Open311Records.Request(c.code, c.status == CaseStatus.RESOLVED ? "closed" : "open", notes,
                Services.name(first, english), first.name(), null, agency, null, format(c.openedAt),
                format(c.updatedAt), format(c.resolutionDue), place, null, null, null, null, null);
    }

    /** ISO 8601 with Vietnam's offset, as the specification's examples ("2010-04-14T06:37:38-08:00"). */
    static String format(Instant instant) {
        return instant == null ? null
                : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atZone(VIETNAM).toOffsetDateTime()
                        .truncatedTo(ChronoUnit.SECONDS));
    }

    /** A w3 date-time with offset, or a date (midnight in Vietnam); 2000–2099 only. */
    static Instant date(String field, String value) {
        Instant instant;
        try {
            String v = value.strip();
            instant = v.length() == 10 ? LocalDate.parse(v).atStartOfDay(VIETNAM).toInstant()
                    : OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException | ArithmeticException e) {
            throw ProblemException.invalidField(field, "must be a date-time like 2021-08-17T09:30:00+07:00");
        }
        if (instant.isBefore(EARLIEST) || !instant.isBefore(LATEST)) {
            throw ProblemException.invalidField(field, "must be between 2000 and 2099");
        }
        return instant;
    }

    private static Integer householdSize(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= 1 && n <= 50) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.invalidField("attribute[household_size]", "must be a whole number from 1 to 50");
    }

    private static String nonBlank(String s) {
        return s == null ? "" : s.strip();
    }
}
