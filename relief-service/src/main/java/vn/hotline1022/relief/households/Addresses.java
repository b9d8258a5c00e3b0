package vn.hotline1022.relief.households;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Normalises a Vietnamese address so that the ways one house gets written down compare equal: "Số 12 Đường Lê Lợi,
 * KP.2", "12 đ. Le Loi khu phố 2" and "so 12 duong le loi kp2" are one address. Diacritics go (đ becomes d), case and
 * punctuation go, common abbreviations are spelled out and filler words (số, đường) dropped.
 */
public final class Addresses {

    /** Words that say what the next token is, which people write or leave out at will: số (nhà), đường, nhà. */
    private static final Set<String> FILLER = Set.of("so", "sn", "duong", "d", "nha", "dia", "chi");

    /** Abbreviations as written on forms, spelled out. */
    private static final Map<String, String> ABBREVIATIONS = Map.ofEntries(
            Map.entry("kp", "khu pho"),
            Map.entry("p", "phuong"),
            Map.entry("ph", "phuong"),
            Map.entry("q", "quan"),
            Map.entry("tx", "thi xa"),
            Map.entry("tp", "thanh pho"),
            Map.entry("tt", "thi tran"),
            Map.entry("h", "hem"),
            Map.entry("ng", "ngo"),
            Map.entry("ql", "quoc lo"),
            Map.entry("tl", "tinh lo"),
            Map.entry("kdc", "khu dan cu"),
            Map.entry("ccx", "chung cu"),
            Map.entry("cc", "chung cu"));

    private Addresses() {
    }

    /** @return null when nothing meaningful is left (then the address is never matched) */
    public static String normalise(String address) {
        if (address == null) {
            return null;
        }
        String s = Normalizer.normalize(address, Normalizer.Form.NFD).replaceAll("\\p{M}+", "")
                .replace('đ', 'd').replace('Đ', 'D').toLowerCase(Locale.ROOT);
        s = s.replaceAll("[^a-z0-9]+", " ")
                .replaceAll("(?<=[a-z])(?=[0-9])|(?<=[0-9])(?=[a-z])", " ") // "kp2" is "kp 2"
                .strip();
        if (s.isEmpty()) {
            return null;
        }
        List<String> words = new ArrayList<>();
        for (String token : s.split(" ")) {
            if (FILLER.contains(token)) {
                continue;
            }
            words.add(ABBREVIATIONS.getOrDefault(token, token));
        }
        String normal = String.join(" ", words);
        // Too little to tell one house from another ("tổ 3"): never matched.
        return normal.length() < 6 ? null : normal;
    }

    /** A 12-digit citizen ID (CCCD), without spaces; null when it is not one. */
    public static String normaliseCitizenId(String id) {
        if (id == null) {
            return null;
        }
        String digits = id.replaceAll("[\\s.\\-]", "");
        return digits.matches("\\d{12}") ? digits : null;
    }
}
