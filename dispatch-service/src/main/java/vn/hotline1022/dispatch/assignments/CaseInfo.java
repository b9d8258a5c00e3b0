package vn.hotline1022.dispatch.assignments;

import java.util.List;
import java.util.UUID;

import vn.hotline1022.events.common.Location;
import vn.hotline1022.events.common.Need;

/** A case as dispatch sees it, from CallReceived, CaseEscalated, CaseNeedsChanged or CaseHandedBack. */
record CaseInfo(UUID caseId, String caseCode, Location at, List<Need> needs, int priority) {

    boolean medical() {
        return needs.stream().anyMatch(Need::isMedical);
    }
}
