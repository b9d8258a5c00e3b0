package vn.hotline1022.dispatch.board;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import vn.hotline1022.commons.security.Roles;
import vn.hotline1022.dispatch.assignments.Assignment;
import vn.hotline1022.dispatch.assignments.QueuedCase;
import vn.hotline1022.dispatch.teams.Team;
import vn.hotline1022.dispatch.zones.WardZone;
import vn.hotline1022.events.common.ZoneColour;

/** The dispatcher's board (bảng điều phối): where every team is, what waits, and how much capacity each district has. */
@Path("/api/v1/board")
@Tag(name = "Board")
public class BoardResource {

    /** @param caseCode the case the team is on, if any */
    public record TeamLine(String code, String name, String provinceCode, String districtCode, boolean reserve,
            String status, Instant statusSince, String caseCode) {
    }

    /** @param waitingSeconds since the case entered the queue */
    public record QueueLine(UUID caseId, String caseCode, String provinceCode, String districtCode, String wardCode,
            ZoneColour zone, int priority, boolean emergency, String reason, Instant queuedAt, long waitingSeconds) {
    }

    /** @param available teams that can be dispatched now; busy = on a case; offDuty includes RETURNING */
    public record DistrictCapacity(String provinceCode, String districtCode, long available, long busy, long offDuty,
            long total) {
    }

    /** Teams sorted by status then district; the queue in the order it is served. */
    public record Board(Instant at, Map<Team.Status, Long> teamsByStatus, List<TeamLine> teams,
            List<DistrictCapacity> capacity, List<QueueLine> queue) {
    }

    @GET
    @RolesAllowed({ Roles.DISPATCHER, Roles.OPS, Roles.ADMIN })
    public Board board(@QueryParam("provinceCode") String provinceCode) {
        Instant now = Instant.now();
        List<Team> teams = provinceCode == null ? Team.listAll() : Team.list("provinceCode", provinceCode);
        Map<UUID, String> caseOfTeam = Assignment.<Assignment> list("status <> ?1", Assignment.Status.COMPLETED)
                .stream().collect(Collectors.toMap(a -> a.teamId, a -> a.caseCode, (a, b) -> a));

        Map<Team.Status, Long> byStatus = new EnumMap<>(Team.Status.class);
        for (Team.Status s : Team.Status.values()) {
            byStatus.put(s, 0L);
        }
        List<TeamLine> lines = new ArrayList<>();
        Map<String, long[]> perDistrict = new TreeMap<>();
        for (Team t : teams) {
            byStatus.merge(t.status, 1L, Long::sum);
            lines.add(new TeamLine(t.code, t.name, t.provinceCode, t.homeDistrictCode, t.reserve, t.status.name(),
                    t.statusChangedAt, caseOfTeam.get(t.id)));
            long[] c = perDistrict.computeIfAbsent(t.provinceCode + "/" + t.homeDistrictCode, k -> new long[3]);
            switch (t.status) {
                case AVAILABLE -> c[0]++;
                case DISPATCHED, EN_ROUTE, ON_SCENE -> c[1]++;
                default -> c[2]++;
            }
        }
        lines.sort(Comparator.comparing((TeamLine l) -> Team.Status.valueOf(l.status()))
                .thenComparing(TeamLine::provinceCode).thenComparing(TeamLine::districtCode)
                .thenComparing(TeamLine::code));
        List<DistrictCapacity> capacity = perDistrict.entrySet().stream().map(e -> {
            String[] key = e.getKey().split("/");
            long[] c = e.getValue();
            return new DistrictCapacity(key[0], key[1], c[0], c[1], c[2], c[0] + c[1] + c[2]);
        }).toList();
        List<QueueLine> queue = QueuedCase.inDrainOrder(provinceCode).stream()
                .map(q -> new QueueLine(q.caseId, q.caseCode, q.provinceCode, q.districtCode, q.wardCode,
                        WardZone.colourOf(q.wardCode), q.priority, q.emergency, q.reason, q.queuedAt,
                        Duration.between(q.queuedAt, now).toSeconds()))
                .toList();
        return new Board(now, byStatus, lines, capacity, queue);
    }
}
