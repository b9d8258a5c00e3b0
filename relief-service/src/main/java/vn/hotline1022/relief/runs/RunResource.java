package vn.hotline1022.relief.runs;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import vn.hotline1022.commons.security.CurrentUser;
import vn.hotline1022.commons.security.Roles;
import vn.hotline1022.commons.web.ProblemException;
import vn.hotline1022.events.common.ReliefItem;
import vn.hotline1022.messaging.audit.PersonalDataReads;
import vn.hotline1022.relief.access.ReliefScope;
import vn.hotline1022.relief.deliveries.Delivery;
import vn.hotline1022.relief.households.Household;
import vn.hotline1022.relief.programmes.Programme;
import vn.hotline1022.relief.programmes.ProgrammeItem;
import vn.hotline1022.text.Masking;

/**
 * Run sheets (danh sách giao hàng): the scheduled packages of the officer's districts, ward by ward, with where each
 * goes. The household's address, phone and name are shown only to relief officers of its district (and admins), and
 * only until relief erases them after delivery ({@link DeliveryAddresses}); the receipt code never (the household
 * shows it at the door: {@code POST /deliveries/{id}/confirmation}).
 */
@Path("/api/v1/runs")
@Tag(name = "Runs")
public class RunResource {

    /** A page of a sheet: a volunteer's round fits in one; more asks for the next page or a narrower filter. */
    static final int MAX_STOPS = 100;

    @Inject
    ReliefScope scope;

    @Inject
    CurrentUser user;

    @Inject
    PersonalDataReads reads;

    /**
     * @param date       the day of the round: packages promised by the end of it (Vietnam time), overdue ones
     *                   included; all scheduled ones when absent
     * @param truncated  there are more stops after this page: the next page, or a narrower district or ward
     */
    public record RunSheet(LocalDate date, int page, int stops, boolean truncated, List<WardRun> wards) {
    }

    public record WardRun(String wardCode, String districtCode, List<Stop> deliveries) {
    }

    /**
     * @param addressText   null once erased (or never given); likewise phone and recipientName
     * @param addressErased relief erased the household's address and phone (delivered, or kept too long)
     */
    public record Stop(UUID deliveryId, UUID caseId, String caseCode, String householdRef, int householdSize,
            String programmeCode, String programmeName, List<ReliefItem> items, Long amountVnd, List<String> needs,
            String recipientName, String addressText, String phone, boolean addressErased, Instant scheduledAt,
            Instant expectedBy, String warehouseCode, int recipientCodeResends) {
    }

    @GET
    @RolesAllowed({ Roles.RELIEF_OFFICER, Roles.ADMIN })
    public RunSheet runs(
            @QueryParam("districtCode") @Pattern(regexp = "\\d{3}", message = "must be a 3-digit district code") String districtCode,
            @QueryParam("wardCode") @Pattern(regexp = "\\d{5}", message = "must be a 5-digit ward code") String wardCode,
            @QueryParam("date") @Pattern(regexp = "\\d{4}-\\d{2}-\\d{2}", message = "must be a date, e.g. 2021-08-20") String date,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(10_000) int page,
            @QueryParam("size") @DefaultValue("100") @Min(1) @Max(MAX_STOPS) int size) {
        LocalDate day = parse(date);
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder(scope.where("", params)); // fails closed: no province claim, 403
        params.add(Delivery.Status.SCHEDULED);
        where.append(" and status = ?").append(params.size());
        if (districtCode != null) {
            params.add(districtCode);
            where.append(" and districtCode = ?").append(params.size());
        }
        if (wardCode != null) {
            params.add(wardCode);
            where.append(" and wardCode = ?").append(params.size());
        }
        if (day != null) {
            params.add(day.plusDays(1).atStartOfDay(Programme.VIETNAM).toInstant());
            where.append(" and expectedBy < ?").append(params.size());
        }
        List<Delivery> found = Delivery.<Delivery> find(where + " order by wardCode, expectedBy, caseCode, id",
                params.toArray()).range(page * size, page * size + size).list(); // one more: is there a next page?
        boolean truncated = found.size() > size;
        if (truncated) {
            found = found.subList(0, size);
        }
        // The officer who sends the volunteers dials the household; anyone else (an admin) sees the phone masked.
        boolean dials = user.has(Roles.RELIEF_OFFICER);
        reads.record(user.username(), "RUN_SHEET", null, null, "district=" + districtCode + " ward=" + wardCode
                + " date=" + date + " page=" + page + " stops=" + found.size() + (dials ? "" : " phones masked"));
        return new RunSheet(day, page, found.size(), truncated, group(found, dials));
    }

    private static List<WardRun> group(List<Delivery> found, boolean dials) {
        if (found.isEmpty()) {
            return List.of();
        }
        Map<UUID, DeliveryAddress> addresses = byId(DeliveryAddress.<DeliveryAddress> list("caseId in ?1",
                found.stream().map(d -> d.caseId).distinct().toList()), a -> a.caseId);
        Map<UUID, Household> households = byId(Household.<Household> list("id in ?1",
                found.stream().map(d -> d.householdId).distinct().toList()), h -> h.id);
        Map<String, Programme> programmes = byId(Programme.<Programme> list("code in ?1",
                found.stream().map(d -> d.programmeCode).distinct().toList()), p -> p.code);
        Map<String, WardRun> wards = new LinkedHashMap<>();
        for (Delivery d : found) {
            wards.computeIfAbsent(d.wardCode, w -> new WardRun(w, d.districtCode, new ArrayList<>())).deliveries()
                    .add(stop(d, addresses.get(d.caseId), households.get(d.householdId),
                            programmes.get(d.programmeCode), dials));
        }
        return List.copyOf(wards.values());
    }

    private static Stop stop(Delivery d, DeliveryAddress a, Household h, Programme p, boolean dials) {
        boolean shown = a != null && !a.erased();
        return new Stop(d.id, d.caseId, d.caseCode, Household.maskedReference(d.householdId),
                h == null ? 0 : h.members, d.programmeCode, p == null ? null : p.name,
                p == null ? List.of() : p.items.stream().map(ProgrammeItem::toEvent).toList(),
                p == null ? null : p.amountVnd, d.needs, shown ? a.recipientName : null,
                shown ? a.addressText : null, !shown ? null : dials ? a.phone : Masking.phone(a.phone), a != null && a.erased(), d.scheduledAt,
                d.expectedBy, d.warehouseCode, d.recipientCodeRound);
    }

    private static <K, V> Map<K, V> byId(List<V> values, Function<V, K> key) {
        return values.stream().collect(Collectors.toMap(key, Function.identity(), (x, y) -> x));
    }

    private static LocalDate parse(String date) {
        if (date == null) {
            return null;
        }
        try {
            return LocalDate.parse(date);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField("date", "must be a date, e.g. 2021-08-20");
        }
    }
}
