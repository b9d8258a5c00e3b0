package vn.hotline1022.intake.geography;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Vietnam's provinces (tỉnh), districts (huyện) and wards or communes (phường, xã) with their official GSO codes.
 * Callers give a ward; the district and province are derived from it, so no case carries a mismatched triple.
 *
 * <p>Data: {@code reference/vn-admin-units.json}, from "vietnamese-provinces-database" by Thang Le Quoc (MIT licence,
 * {@code reference/vn-admin-units.LICENSE}).
 */
@ApplicationScoped
public class AdminUnits {

    public record Province(String code, String name, String nameEn, String shortCode) {
    }

    public record District(String code, String name, String provinceCode) {
    }

    public record Ward(String code, String name, String fullName, String districtCode, String provinceCode) {
    }

    private final Map<String, Province> provinces = new HashMap<>();
    private final Map<String, District> districts = new HashMap<>();
    private final Map<String, Ward> wards = new HashMap<>();

    public AdminUnits() {
        try (InputStream in = AdminUnits.class.getResourceAsStream("/reference/vn-admin-units.json")) {
            if (in == null) {
                throw new IllegalStateException("reference/vn-admin-units.json is missing from the classpath");
            }
            List<RawProvince> raw = new ObjectMapper().readValue(in, new TypeReference<>() {
            });
            for (RawProvince p : raw) {
                provinces.put(p.code, new Province(p.code, p.name, p.nameEn, initials(p.codeName)));
                for (RawDistrict d : p.districts) {
                    districts.put(d.code, new District(d.code, d.name, p.code));
                    for (RawWard w : d.wards) {
                        wards.put(w.code, new Ward(w.code, w.name, w.fullName, d.code, p.code));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Optional<Ward> ward(String code) {
        return Optional.ofNullable(code == null ? null : wards.get(code));
    }

    public Optional<District> district(String code) {
        return Optional.ofNullable(code == null ? null : districts.get(code));
    }

    public Optional<Province> province(String code) {
        return Optional.ofNullable(code == null ? null : provinces.get(code));
    }

    public List<Province> provinces() {
        return sorted(provinces.values(), Province::code);
    }

    public List<District> districtsOf(String provinceCode) {
        return sorted(districts.values().stream().filter(d -> d.provinceCode().equals(provinceCode)).toList(),
                District::code);
    }

    public List<Ward> wardsOf(String districtCode) {
        return sorted(wards.values().stream().filter(w -> w.districtCode().equals(districtCode)).toList(),
                Ward::code);
    }

    /** "binh_duong" → "BD": the prefix people already use for the province on plates and documents. */
    private static String initials(String codeName) {
        StringBuilder sb = new StringBuilder();
        for (String part : codeName.split("_")) {
            if (!part.isEmpty()) {
                sb.append(Character.toUpperCase(part.charAt(0)));
            }
        }
        return sb.toString();
    }

    private static <T> List<T> sorted(Collection<T> items, java.util.function.Function<T, String> key) {
        return items.stream().sorted(Comparator.comparing(key)).toList();
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record RawProvince(@JsonProperty("Code") String code, @JsonProperty("Name") String name,
            @JsonProperty("NameEn") String nameEn, @JsonProperty("CodeName") String codeName,
            @JsonProperty("District") List<RawDistrict> districts) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record RawDistrict(@JsonProperty("Code") String code, @JsonProperty("Name") String name,
            @JsonProperty("Ward") List<RawWard> wards) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record RawWard(@JsonProperty("Code") String code, @JsonProperty("Name") String name,
            @JsonProperty("FullName") String fullName) {
    }
}
