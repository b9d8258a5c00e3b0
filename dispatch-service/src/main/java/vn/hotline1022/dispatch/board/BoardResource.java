package vn.hotline1022.dispatch.board;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import vn.hotline1022.commons.security.CurrentUser;
import vn.hotline1022.commons.security.Roles;
import vn.hotline1022.commons.security.Scope;
import vn.hotline1022.commons.web.ProblemException;
import vn.hotline1022.dispatch.assignments.Assignment;
import vn.hotline1022.dispatch.assignments.QueuedCase;
import vn.hotline1022.dispatch.teams.Team;
import vn.hotline1022.dispatch.zones.WardZone;
import vn.hotline1022.events.common.ZoneColour;

/** The dispatcher's board (bảng điều phối): where every team is, what waits, and how much capacity each district has. */
@Path("/api/v1/board")
@Tag(name = "Board")
public class BoardResource {

    @Inject
    ObjectMapper json;

    @Inject
    CurrentUser user;

    /**
     * @param caseCode   the case the team is on, if any
     * @param shiftStart null (with shiftEnd) for a team on duty around the clock
     */
    public record TeamLine(String code, String name, String provinceCode, String districtCode, boolean reserve,
            String status, Instant statusSince, String caseCode, String vehicle, List<String> equipment,
            int medicalStaff, LocalTime shiftStart, LocalTime shiftEnd) {
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

    /**
     * The board with an ETag, a hash of everything on it but the clock (the time of the answer and the waiting
     * seconds, which the page counts itself from queuedAt): a page polling with If-None-Match gets 304 and no body
     * while nothing changed.
     */
    @GET
    @RolesAllowed({ Roles.DISPATCHER, Roles.OPS, Roles.ADMIN })
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Board.class)))
    @APIResponse(responseCode = "304", description = "Not modified since the ETag given in If-None-Match")
    public Response board(@QueryParam("provinceCode") String provinceCode, @Context Request request) {
        // Ops and admins watch every province; a dispatcher only the places of their claims (none: nothing).
        Scope scope = user.has(Roles.OPS) || user.has(Roles.ADMIN) ? Scope.everywhere() : user.scope();
        if (provinceCode != null && !scope.coversProvince(provinceCode)) {
            throw ProblemException.forbidden("Province " + provinceCode + " is not in your area");
        }
        Board board = current(provinceCode, scope);
        EntityTag tag = new EntityTag(hash(board));
        CacheControl revalidate = new CacheControl();
        revalidate.setPrivate(true);
        revalidate.setNoCache(true);
        Response.ResponseBuilder notModified = request.evaluatePreconditions(tag);
        if (notModified != null) {
            return notModified.tag(tag).cacheControl(revalidate).build();
        }
        return Response.ok(board).tag(tag).cacheControl(revalidate).build();
    }

    private String hash(Board board) {
        List<QueueLine> queue = board.queue().stream()
                .map(q -> new QueueLine(q.caseId(), q.caseCode(), q.provinceCode(), q.districtCode(), q.wardCode(),
                        q.zone(), q.priority(), q.emergency(), q.reason(), q.queuedAt(), 0))
                .toList();
        try {
            byte[] content = json.writeValueAsBytes(new Board(null, board.teamsByStatus(), board.teams(),
                    board.capacity(), queue));
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content);
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("The board could not be hashed", e);
        }
    }

    private Board current(String provinceCode, Scope scope) {
        Instant now = Instant.now();
        List<Team> teams = (provinceCode == null ? Team.<Team> listAll() : Team.<Team> list("provinceCode", provinceCode))
                .stream().filter(t -> scope.coversProvince(t.provinceCode)).toList();
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
                    t.statusChangedAt, caseOfTeam.get(t.id), t.vehicle, t.equipment == null ? List.of() : t.equipment,
                    t.medicalStaff, t.shiftStart, t.shiftEnd));
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
                .filter(q -> scope.covers(q.provinceCode, q.districtCode))
                .map(q -> new QueueLine(q.caseId, q.caseCode, q.provinceCode, q.districtCode, q.wardCode,
                        WardZone.colourOf(q.wardCode), q.priority, q.emergency, q.reason, q.queuedAt,
                        Duration.between(q.queuedAt, now).toSeconds()))
                .toList();
        return new Board(now, byStatus, lines, capacity, queue);
    }
}
