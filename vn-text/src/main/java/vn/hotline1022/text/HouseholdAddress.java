package vn.hotline1022.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;


/**
 * The household (hộ gia đình) an address text names, as a key two calls from different phones can share: "Số 12
 * Đường Cách Mạng Tháng Tám, P. Tân An" and "so 12 cach mang thang tam" are both {@code 12 cach mang thang tam}. Only
 * specific addresses get a key — a house number and a street or hamlet — since a vague one ("Tổ 3", "Khu phố 2",
 * "Hẻm 12 đường Yersin") is shared by many households and linking on it would merge neighbours' cases.
 *
 * <p>Diacritics go (đ → d), case and punctuation too; abbreviations become one form (sn/số nhà → số, đ./d. → đường,
 * kp → khu phố, p. → phường...). Where an address says its ward, district or province the rest is cut: the ward is
 * compared by code.
 */
public final class HouseholdAddress {

    private static final Pattern NOT_WORD = Pattern.compile("[^a-z0-9/]+");
    private static final Pattern SLASH = Pattern.compile("\\s*/\\s*");
    private static final Pattern DIGIT = Pattern.compile(".*\\d.*");
    /** "kp2", "p7": a word glued to the number it names; "12a" (a house number) stays whole. */
    private static final Pattern LETTER_THEN_DIGIT = Pattern.compile("(?<=[a-z])(?=[0-9])");

    /** Abbreviations and multi-word terms, each made one token; applied to whole words, longest first. */
    private static final Map<String, String> TERMS = Map.ofEntries(
            Map.entry("so nha", "so"), Map.entry("sn", "so"),
            Map.entry("d", "duong"),
            Map.entry("khu pho", "kp"),
            Map.entry("to dan pho", "tdp"),
            Map.entry("khu vuc", "kv"),
            Map.entry("quoc lo", "ql"), Map.entry("tinh lo", "tl"), Map.entry("xa lo", "xl"),
            Map.entry("p", "phuong"), Map.entry("f", "phuong"),
            Map.entry("q", "quan"),
            Map.entry("thi tran", "tt"),
            Map.entry("thi xa", "tx"),
            Map.entry("thanh pho", "tp"));
    private static final List<Map.Entry<Pattern, String>> REPLACEMENTS = TERMS.entrySet().stream()
            .sorted((a, b) -> Integer.compare(b.getKey().length(), a.getKey().length()))
            .map(e -> Map.entry(Pattern.compile("(?<![a-z0-9/])" + e.getKey() + "(?![a-z0-9/])"), e.getValue()))
            .toList();

    /** Ward and larger (phường, xã, thị trấn, quận, huyện, thị xã, thành phố, tỉnh): the address ends there. */
    private static final Set<String> ADMIN = Set.of("phuong", "xa", "tt", "quan", "huyen", "tx", "tp", "tinh");
    /** Words that name a street or hamlet by its number ("đường 9", "ấp 3", "khu phố 2", "quốc lộ 13"). */
    private static final Set<String> STREET_OR_HAMLET = Set.of("duong", "pho", "ql", "tl", "xl", "kp", "ap", "thon",
            "xom", "ban", "kv", "hem", "kiet", "ngo", "ngach");
    /** A number after one of these is not a house number: "Tổ 3", "Ấp 2", "Hẻm 12", "đường số 9". */
    private static final Set<String> NOT_HOUSE_NUMBER_AFTER;
    static {
        var set = new java.util.HashSet<>(STREET_OR_HAMLET);
        set.addAll(Set.of("to", "tdp", "lo", "day", "block"));
        NOT_HOUSE_NUMBER_AFTER = Set.copyOf(set);
    }
    private static final Set<String> GENERIC = Set.of("so", "to", "tdp", "lo", "day", "block", "nha", "can", "ho");

    private HouseholdAddress() {
    }

    /** The household key of a specific address; empty when the address is missing or too vague to link on. */
    public static Optional<String> key(String addressText) {
        if (addressText == null || addressText.isBlank()) {
            return Optional.empty();
        }
        String s = NOT_WORD.matcher(SearchText.normalise(addressText)).replaceAll(" ");
        s = SLASH.matcher(s).replaceAll("/").strip();
        s = LETTER_THEN_DIGIT.matcher(s).replaceAll(" ");
        for (var r : REPLACEMENTS) {
            s = r.getKey().matcher(s).replaceAll(r.getValue());
        }
        List<String> tokens = new ArrayList<>();
        for (String t : s.split(" ")) {
            if (ADMIN.contains(t)) {
                break; // "..., P. Tân An, TP. Thủ Dầu Một": the ward is compared by its code
            }
            if (!t.isEmpty()) {
                tokens.add(t);
            }
        }
        List<String> key = new ArrayList<>();
        boolean houseNumber = false;
        boolean streetOrHamlet = false;
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i);
            String next = i + 1 < tokens.size() ? tokens.get(i + 1) : "";
            if (t.equals("so") && DIGIT.matcher(next).matches()) {
                continue; // "số 12" is "12"; "đường số 9" is "đường 9"
            }
            String previous = key.isEmpty() ? "" : key.get(key.size() - 1);
            if (DIGIT.matcher(t).matches()) {
                houseNumber |= !NOT_HOUSE_NUMBER_AFTER.contains(previous);
            } else if (STREET_OR_HAMLET.contains(t)) {
                streetOrHamlet = true;
                if (t.equals("duong") && isName(next)) {
                    continue; // "12 đường Yersin" is "12 Yersin"
                }
            } else if (isName(t)) {
                streetOrHamlet = true;
            }
            key.add(t);
        }
        return houseNumber && streetOrHamlet ? Optional.of(String.join(" ", key)) : Optional.empty();
    }

    private static boolean isName(String token) {
        return !token.isEmpty() && !DIGIT.matcher(token).matches() && !STREET_OR_HAMLET.contains(token)
                && !GENERIC.contains(token) && !ADMIN.contains(token);
    }
}
