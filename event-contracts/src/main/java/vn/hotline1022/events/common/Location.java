package vn.hotline1022.events.common;

/**
 * Where the case is. Codes are the General Statistics Office administrative codes (e.g. ward {@code 25747}), because
 * names are spelled inconsistently; routing uses only the codes.
 *
 * @param addressText free text down to house and hamlet / neighbourhood (ấp / khu phố), for the field team
 * @param latitude    WGS84, null when unknown
 * @param longitude   WGS84, null when unknown
 */
public record Location(
        String provinceCode,
        String districtCode,
        String wardCode,
        String addressText,
        Double latitude,
        Double longitude) {
}
